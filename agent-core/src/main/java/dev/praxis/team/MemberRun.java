package dev.praxis.team;

import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;

import java.util.List;
import java.util.Objects;

/**
 * One run of one member inside a team run: how it ended and what it spent.
 *
 * @param member  the member's name
 * @param status  how the member's run ended
 * @param steps   model calls the member made (including those of its own members, if it is a team)
 * @param usage   tokens the member spent
 * @param members the runs inside the member when it is itself a team; otherwise empty
 */
public record MemberRun(String member, Status status, int steps, Usage usage, List<MemberRun> members) {

    /** Copies the nested runs and rejects nulls. */
    public MemberRun {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        members = List.copyOf(members);
    }
}
