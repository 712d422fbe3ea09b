using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Transport;

/// <summary>One update being handled: the update, its attempt number and the (paced) client to answer with.</summary>
public sealed class UpdateContext(Update update, string kind, long? chatId, int attempt, ITelegramBotClient bot)
{
    public Update Update { get; } = update;

    public int UpdateId => Update.Id;

    /// <summary>One of <see cref="UpdateKinds"/>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The chat (or, without one, the user) whose updates are serialised with this one.</summary>
    public long? ChatId { get; } = chatId;

    /// <summary>0 on the first try; a retry must not repeat an effect already committed (see <c>Effects</c>).</summary>
    public int Attempt { get; } = attempt;

    public ITelegramBotClient Bot { get; } = bot;

    /// <summary>When the inbox row leaves pending; null outside the dispatcher (then it is the caller's business).</summary>
    public UpdateCompletion? Completion { get; init; }

    /// <summary>
    /// The idempotency key of what this update does once: the callback query id for a button, else the update id.
    /// Both are the same on every retry and redelivery, so a retry finds its effect recorded (see <c>Effects</c>).
    /// </summary>
    public string EffectKey => Update.CallbackQuery is { } query ? "callback:" + query.Id : "update:" + Update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sender's keyboard mode, set by the account gate; decides the route of plain input.</summary>
    public BotMode Mode { get; set; } = BotMode.Chat;

    public Message? Message => Update.Message;

    public CallbackQuery? Callback => Update.CallbackQuery;

    public User? From => Update.Message?.From ?? Update.EditedMessage?.From ?? Update.CallbackQuery?.From
        ?? Update.PreCheckoutQuery?.From ?? Update.MyChatMember?.From ?? Update.Subscription?.User
        ?? Update.InlineQuery?.From ?? Update.ChosenInlineResult?.From;

    /// <summary>The command without slash and bot name (<c>/start@Bot x</c> → <c>start</c>), or null.</summary>
    public string? Command => CommandEntity() is { } entity
        ? CommandText[1..entity.Length].Split('@')[0].ToLowerInvariant()
        : null;

    /// <summary>The bot a command names (<c>/help@OurBot</c> → <c>OurBot</c>), or null when it names none.</summary>
    public string? CommandAddressee => CommandEntity() is { } entity && CommandText[..entity.Length].Split('@') is [_, var name]
        ? name
        : null;

    /// <summary>Text after the command (a deep-link payload for /start), or empty.</summary>
    public string CommandArgument => CommandEntity() is { } entity
        ? CommandText[Math.Min(CommandText.Length, entity.Length)..].Trim()
        : "";

    private MessageEntity? CommandEntity() =>
        Message is { Text: ['/', ..] text, Entities: [{ Type: MessageEntityType.BotCommand, Offset: 0 } entity, ..] } && entity.Length <= text.Length
            ? entity
            : null;

    private string CommandText => Message?.Text ?? "";
}
