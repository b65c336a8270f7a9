package dev.praxis.env;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trajectories divided into a training and a validation set by {@link FineTuning#split}: no
 * session has runs on both sides. Each list keeps the input's order.
 *
 * @param train      for training
 * @param validation for validation
 */
public record Split(List<Trajectory> train, List<Trajectory> validation) {

    /** Copies the lists. */
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    static Split of(List<Trajectory> all, double validationShare, long seed) {
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validationShare must be within [0, 1), got " + validationShare);
        }
        Map<String, String> order = new LinkedHashMap<>();
        for (Trajectory t : all) {
            order.computeIfAbsent(group(t), g -> hash(seed, g));
        }
        List<String> groups = new ArrayList<>(order.keySet());
        groups.sort(Comparator.comparing(order::get));
        int count = (int) Math.round(groups.size() * validationShare);
        if (count == 0 && validationShare > 0 && groups.size() > 1) {
            count = 1;
        }
        Set<String> validating = new HashSet<>(groups.subList(0, count));
        List<Trajectory> train = new ArrayList<>();
        List<Trajectory> validation = new ArrayList<>();
        for (Trajectory t : all) {
            (validating.contains(group(t)) ? validation : train).add(t);
        }
        return new Split(train, validation);
    }

    private static String group(Trajectory t) {
        return t.session().isEmpty() ? "run:" + t.id() : "session:" + t.session();
    }

    private static String hash(long seed, String group) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "\n" + group).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
