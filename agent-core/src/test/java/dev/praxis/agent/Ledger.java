package dev.praxis.agent;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.Tools;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Side-effecting test tools that record every execution with its arguments. */
final class Ledger {

    /** Thrown from a tool to stop the whole run as a process crash would: the loop treats a VirtualMachineError (other than a stack overflow) as the JVM dying. */
    static final class Crash extends VirtualMachineError {
        private static final long serialVersionUID = 1L;

        Crash(String where) {
            super("simulated crash " + where);
        }
    }

    final List<String> executed = new CopyOnWriteArrayList<>();
    volatile String crashIn = "";

    Tool tool(String name, SideEffect effect) {
        JsonObjectSchema schema = JsonObjectSchema.builder().addIntegerProperty("amount").build();
        return Tools.of(name, "records a " + name, schema, effect, args -> {
            executed.add(name + " " + args);
            if (crashIn.equals(name)) {
                crashIn = "";
                throw new Crash("in " + name + " after its effect");
            }
            if (args.contains("-1")) {
                throw new ToolException("negative amount");
            }
            return name + " done";
        });
    }
}
