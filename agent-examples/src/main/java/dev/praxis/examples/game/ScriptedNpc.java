package dev.praxis.examples.game;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.Usage;
import dev.praxis.env.Decision;
import dev.praxis.env.Policy;
import dev.praxis.examples.game.CoinChase.Cell;
import dev.praxis.examples.game.CoinChase.Move;
import dev.praxis.examples.game.CoinChase.View;

import java.util.List;

/**
 * The NPC's offline policy, the way game characters are usually written: a utility rule. Each
 * move is scored by how close it brings the NPC to the coin, minus a large penalty if the
 * goblin could catch it there and a smaller one for ending next to the goblin; the best move
 * wins (ties in {@link Move} order). Each decision carries the conversation a language-model
 * NPC would have had (the rules, the rendered board, the move), so the episodes can be
 * exported as fine-tuning data and an LLM NPC can learn to imitate this one. Stateless.
 */
final class ScriptedNpc implements Policy<View, Move> {

    private final CoinChase world;

    /** A policy for {@code world}, whose rendering and rules it writes into each decision. */
    ScriptedNpc(CoinChase world) {
        this.world = world;
    }

    @Override
    public Decision<Move> decide(View v) {
        Move best = Move.WAIT;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Move move : Move.values()) {
            double score = utility(v, move);
            if (score > bestScore) {
                best = move;
                bestScore = score;
            }
        }
        return new Decision<>(best, List.of(SystemMessage.from(world.instructions()),
                UserMessage.from(world.render(v)), AiMessage.from(best.name())), Usage.ZERO);
    }

    static double utility(View v, Move move) {
        Cell next = v.npc().moved(move);
        boolean goblinMoves = (v.turn() + 1) % 2 == 0;
        Cell goblin = goblinMoves ? CoinChase.chase(v.goblin(), next) : v.goblin();
        double score = next.equals(v.coin()) ? 10 : -next.distance(v.coin());
        if (goblin.equals(next)) {
            score -= 100;
        } else if (goblin.distance(next) <= 1) {
            score -= 6;
        }
        return score;
    }
}
