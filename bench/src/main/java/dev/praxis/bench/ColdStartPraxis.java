package dev.praxis.bench;

/** Cold start, Praxis: builds the agent, runs the S1 task once and prints the answer. */
public final class ColdStartPraxis {

    private ColdStartPraxis() {
    }

    /** Entry point; prints the answer on one line, then the CPU time used until then. */
    public static void main(String[] args) {
        System.out.println(PraxisSubject.stateless(ScriptedChatModel.of(1)).run(Scenario.TASK));
        System.out.println(ColdStartHarness.cpuLine());
    }
}
