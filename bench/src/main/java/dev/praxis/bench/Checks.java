package dev.praxis.bench;

/** Guards that keep a benchmark from timing a run that went wrong. */
final class Checks {

    private Checks() {
    }

    /** Throws unless {@code answer} is the scripted final answer. */
    static String answered(String subject, String answer) {
        if (!ScriptedChatModel.ANSWER.equals(answer)) {
            throw new IllegalStateException(subject + " answered '" + answer + "' instead of the scripted '"
                    + ScriptedChatModel.ANSWER + "'");
        }
        return answer;
    }
}
