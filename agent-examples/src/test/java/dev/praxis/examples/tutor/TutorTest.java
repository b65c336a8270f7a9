package dev.praxis.examples.tutor;

import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TutorTest {

    @TempDir
    Path data;

    private final EmbeddingExperienceStore explanations =
            new EmbeddingExperienceStore(new InMemoryVectorStore(), MiniLm.model(), ContentCipher.NONE);
    private final MemoryScope learners = MemoryScope.of("school", "test");

    private TutorDesk desk() {
        TutorDesk.seed(explanations, learners, Clock.systemUTC());
        return new TutorDesk(explanations, learners, Clock.systemUTC());
    }

    @Test
    void theGradeIsRightWhateverFormTheAnswerTakes() {
        var desk = desk();

        assertThat(desk.checkAnswer(1, "5/6")).startsWith("correct: 1/2 + 1/3 = 5/6");
        assertThat(desk.checkAnswer(1, "I think it's 10/12")).startsWith("correct");
        assertThat(desk.checkAnswer(6, "4.5")).startsWith("correct: 10% of 45 = 9/2");
        assertThat(desk.checkAnswer(4, "20%")).startsWith("correct: 25% of 80 = 20");
        assertThat(desk.checkAnswer(7, "6/12")).startsWith("correct: 2/3 x 3/4 = 1/2");
        assertThat(desk.checkAnswer(1, "2/5")).startsWith("not correct: 1/2 + 1/3 is 5/6, not 2/5");
        assertThat(desk.checkAnswer(1, "0.83")).startsWith("not correct");
        assertThat(desk.checkAnswer(2, "1/3")).startsWith("not correct: 2/5 + 1/10 is 1/2, not 1/3")
                .contains("a calculation slip");
        assertThatThrownBy(() -> desk.checkAnswer(9, "1")).hasMessageContaining("no exercise 9");
        assertThatThrownBy(() -> desk.checkAnswer(1, "no idea")).hasMessageContaining("no number in the answer");
    }

    @Test
    void aMistakeIsNamedAndOnlyAnExplanationThatWorkedIsRecalled() {
        String graded = desk().checkAnswer(1, "2/5");

        assertThat(graded).contains("added the numerators and the denominators").contains("find a common denominator")
                .doesNotContain("never add the bottoms");
    }

    @Test
    void whetherAnExplanationHelpedIsKeptForTheNextLearner() {
        var desk = desk();
        desk.checkAnswer(2, "1/3");                      // a slip: no explanation on record yet
        assertThat(explanations.recallSuccessful(learners, "adding fractions: a calculation slip", 5))
                .extracting(r -> r.experience().task()).doesNotContain("adding fractions: a calculation slip");

        desk.explanationHelped(true);

        assertThat(explanations.recallSuccessful(learners, "adding fractions: a calculation slip", 5))
                .extracting(r -> r.experience().task()).contains("adding fractions: a calculation slip");
    }

    @Test
    void theLearnerModelSendsTheLearnerBackToWhatTheyGotWrong() {
        var desk = desk();
        assertThat(desk.nextExercise()).startsWith("exercise 1 (adding fractions)");

        desk.checkAnswer(4, "3.2");

        assertThat(desk.nextExercise()).startsWith("exercise 4 (percentages)");
        assertThat(desk.learnerProgress()).contains("percentages: practised 1, right 0, mistakes: divided the number");
        desk.checkAnswer(4, "20");
        desk.checkAnswer(5, "6");
        assertThat(desk.nextExercise()).startsWith("exercise 1 (adding fractions)");
    }

    @Test
    void theDemoTutorsOfflineAndTheEvalSuiteScoresEveryAnswerRight() throws Exception {
        var bytes = new ByteArrayOutputStream();

        new Tutor().run(ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("-> check_answer {\"exercise\":1,\"answer\":")
                .contains("not correct: 1/2 + 1/3 is 5/6, not 2/5")
                .contains("-> explanation_helped {\"helped\":true}")
                .contains("correct: 1/2 + 1/3 = 5/6")
                .contains("7 cases, 100% passed");
        assertThat(out).doesNotContain("FAIL");
    }
}
