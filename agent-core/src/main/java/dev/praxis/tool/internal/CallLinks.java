package dev.praxis.tool.internal;

import dev.praxis.tool.ToolInterceptor;

import java.util.List;
import java.util.Objects;

/**
 * The links a toolbox runs every call through, made once per toolbox so that a call allocates
 * no list of them: the interceptors outermost first (validation first), one slot for the step's
 * own interceptor (skipped when the step has none), then the output cap, which is applied to
 * what the tool returns, inside every interceptor. Immutable.
 */
public final class CallLinks {

    /** Marks where the step's interceptor goes; never run itself. */
    static final ToolInterceptor STEP = chain -> {
        throw new IllegalStateException("the step slot is never run");
    };

    private final ToolInterceptor[] links;
    private final Validation validation;
    private final OutputCap cap;

    private CallLinks(ToolInterceptor[] links, Validation validation, OutputCap cap) {
        this.links = links;
        this.validation = validation;
        this.cap = cap;
    }

    /**
     * {@code validation}, then {@code outer} (outermost first), the step's slot, {@code inner},
     * and the tool's result cut at {@code maxResultChars}.
     */
    public static CallLinks of(Validation validation, List<ToolInterceptor> outer, List<ToolInterceptor> inner,
                               int maxResultChars) {
        Objects.requireNonNull(validation, "validation");
        ToolInterceptor[] all = new ToolInterceptor[2 + outer.size() + inner.size()];
        int i = 0;
        all[i++] = validation;
        for (ToolInterceptor link : outer) {
            all[i++] = link;
        }
        all[i++] = STEP;
        for (ToolInterceptor link : inner) {
            all[i++] = link;
        }
        return new CallLinks(all, validation, new OutputCap(maxResultChars));
    }

    /** These links from the one after {@code index} on, behind validation again. */
    CallLinks revalidatedAfter(int index) {
        ToolInterceptor[] rest = new ToolInterceptor[links.length - index];
        rest[0] = validation;
        System.arraycopy(links, index + 1, rest, 1, links.length - index - 1);
        return new CallLinks(rest, validation, cap);
    }

    int size() {
        return links.length;
    }

    ToolInterceptor get(int index) {
        return links[index];
    }

    Validation validation() {
        return validation;
    }

    OutputCap cap() {
        return cap;
    }
}
