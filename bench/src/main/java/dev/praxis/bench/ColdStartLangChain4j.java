package dev.praxis.bench;

/** Cold start, LangChain4j: builds the AI service, runs the S1 task once and prints the answer. */
public final class ColdStartLangChain4j {

    private ColdStartLangChain4j() {
    }

    /** Entry point; prints the answer on one line, then the CPU time used until then. */
    public static void main(String[] args) {
        System.out.println(LangChain4jSubject.stateless(ScriptedChatModel.of(1)).run(Scenario.TASK));
        System.out.println(ColdStartHarness.cpuLine());
    }
}
