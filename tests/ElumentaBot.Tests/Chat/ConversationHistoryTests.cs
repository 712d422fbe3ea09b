using Elumenta.Providers;
using ElumentaBot.Chat.Conversations;

namespace ElumentaBot.Tests.Chat;

public sealed class ConversationHistoryTests
{
    private static StoredMessage Turn(long id, string role, string text) => new() { Id = id, Role = role, Text = text };

    [Fact]
    public void A_question_asked_again_after_its_answer_failed_reaches_the_model_once()
    {
        // Newest first: the re-asked question, the one whose answer was interrupted, then an answered exchange.
        var history = ConversationHistory.Build(
            [Turn(4, ConversationStore.User, "What is 2+2?"), Turn(3, ConversationStore.User, "What is 2+2?"),
             Turn(2, ConversationStore.Assistant, "Hello!"), Turn(1, ConversationStore.User, "Hi")],
            10_000, [], "[photo]");

        Assert.Equal([(ChatRole.User, "Hi"), (ChatRole.Assistant, "Hello!"), (ChatRole.User, "What is 2+2?")],
            history.Turns.Select(t => (t.Role, t.Text)));
    }

    [Fact]
    public void Different_questions_in_a_row_are_all_kept_in_one_user_turn()
    {
        var history = ConversationHistory.Build(
            [Turn(3, ConversationStore.User, "And in French?"), Turn(2, ConversationStore.User, "Translate 'cat'"), Turn(1, ConversationStore.User, "Translate 'cat'")],
            10_000, [], "[photo]");

        var turn = Assert.Single(history.Turns);
        Assert.Equal((ChatRole.User, "Translate 'cat'\n\nAnd in French?"), (turn.Role, turn.Text));
    }
}
