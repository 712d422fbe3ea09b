using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>The update types we ask Telegram for, and how each maps to a kind and a chat key.</summary>
public static class UpdateKinds
{
    public const string Message = "message";
    public const string EditedMessage = "edited_message";
    public const string CallbackQuery = "callback_query";
    public const string PreCheckoutQuery = "pre_checkout_query";
    public const string MyChatMember = "my_chat_member";
    public const string StoppedMessageGeneration = "stopped_message_generation";
    public const string Subscription = "subscription";
    public const string InlineQuery = "inline_query";
    public const string ChosenInlineResult = "chosen_inline_result";
    public const string Other = "other";

    // Sent explicitly: an omitted list keeps whatever a previous program set for this token.
    public static readonly string[] Allowed =
        [Message, EditedMessage, CallbackQuery, PreCheckoutQuery, MyChatMember, StoppedMessageGeneration, Subscription, InlineQuery, ChosenInlineResult];

    public static string KindOf(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update switch
        {
            { Message: not null } => Message,
            { EditedMessage: not null } => EditedMessage,
            { CallbackQuery: not null } => CallbackQuery,
            { PreCheckoutQuery: not null } => PreCheckoutQuery,
            { MyChatMember: not null } => MyChatMember,
            { StoppedMessageGeneration: not null } => StoppedMessageGeneration,
            { Subscription: not null } => Subscription,
            { InlineQuery: not null } => InlineQuery,
            { ChosenInlineResult: not null } => ChosenInlineResult,
            _ => Other,
        };
    }

    /// <summary>The chat whose queue serialises this update; user ids stand in where there is no chat.</summary>
    public static long? ChatKeyOf(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.Message?.Chat.Id
            ?? update.EditedMessage?.Chat.Id
            ?? update.CallbackQuery?.Message?.Chat.Id
            ?? update.CallbackQuery?.From.Id
            ?? update.PreCheckoutQuery?.From.Id
            ?? update.MyChatMember?.Chat.Id
            ?? update.StoppedMessageGeneration?.Chat.Id
            ?? update.Subscription?.User.Id
            ?? update.InlineQuery?.From.Id
            ?? update.ChosenInlineResult?.From.Id;
    }

    /// <summary>Kinds that never wait behind a busy chat: Telegram expects their answer within seconds.</summary>
    public static bool IsFastLane(string kind) => kind is CallbackQuery or PreCheckoutQuery or InlineQuery;
}
