using System.Globalization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Admin;

/// <summary>
/// Admin commands for the ids in <c>Telegram:AdminUserIds</c>. For anyone else they do not exist: the update goes
/// to the route table's fallback, so they get whatever an unknown command gets; so does an admin in a group
/// (figures and account details stay out of shared chats). Bad arguments get the command's usage line.
/// </summary>
public sealed class AdminHandler(
    CurrentUser user, AccountService accounts, ModelCatalog catalog, AdminReports reports, AdminWrites writes, StatsCommand stats, RouteTable routes,
    IServiceProvider services, Localizer texts, ILogger<AdminHandler> logger)
{
    public static readonly string[] Commands = ["stats", "user", "grant", "setplan", "refund", "ban", "unban", "broadcast"];

    public async Task RunAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command!;
        if (!user.IsAdmin || context.Message is not { From: { } from, Chat.Type: ChatType.Private } message)
        {
            await AsUnknownAsync(context, ct);
            return;
        }

        logger.LogInformation("Admin {AdminId} runs /{Command}", from.Id, command);
        var args = context.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (command == "stats")
        {
            await StatsAsync(context.Bot, args, message.Chat.Id, ct);
            return;
        }

        var reply = await RunAsync(command, args, context.CommandArgument, context.EffectKey, from.Id, message.Chat.Id, ct);
        if (reply is not null)
        {
            await context.Bot.SendMessage(message.Chat.Id, reply, cancellationToken: ct);
        }
    }

    private async Task<string?> RunAsync(string command, string[] args, string rest, string key, long adminId, long chatId, CancellationToken ct)
    {
        var lang = user.Language;
        var usage = texts.Get(lang, "admin.usage." + command, ("plans", string.Join("|", catalog.Plans.Where(p => p.IsPaid).Select(p => p.Code))));
        switch (command, args)
        {
            case ("user", [var who]):
                return await FindAsync(who, ct) is { } a ? await reports.UserAsync(a, lang, ct) : NotFound(who);
            case ("grant", [var who, var n]) when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens is >= 1 and <= 1_000_000:
                return await FindAsync(who, ct) is { } target ? await writes.GrantAsync(key, target, tokens, adminId, lang, ct) : NotFound(who);
            case ("setplan", [var who, var code, var n]) when catalog.FindPlan(code) is { IsPaid: true } plan
                && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 365:
                return await FindAsync(who, ct) is { } planTarget ? await writes.SetPlanAsync(key, planTarget, plan, days, adminId, lang, ct) : NotFound(who);
            case ("refund", [var charge]):
                return await writes.RefundAsync(key, charge, adminId, lang, ct);
            case ("ban" or "unban", [var who]):
                return await FindAsync(who, ct) is { } banTarget ? await writes.BanAsync(key, banTarget, command == "ban", adminId, lang, ct) : NotFound(who);
            case ("broadcast", [_, ..]):
                await writes.StartBroadcastAsync(key, new BroadcastJob(adminId, chatId, lang, rest), ct);
                return null;
            default:
                return usage;
        }

        string NotFound(string who) => texts.Get(lang, "admin.not_found", ("who", who));
    }

    // Read-only: a retried update draws the figures again rather than replaying a stored answer.
    private async Task StatsAsync(ITelegramBotClient bot, string[] args, long chatId, CancellationToken ct)
    {
        if (StatsCommand.ParseDays(args) is { } days)
        {
            await stats.SendAsync(bot, chatId, days, user.Language, ct);
        }
        else
        {
            await bot.SendMessage(chatId, stats.BadDays(args, user.Language), cancellationToken: ct);
        }
    }

    // Exactly what an unknown command gets, whoever answers those: the admin commands must not reveal themselves.
    private Task AsUnknownAsync(UpdateContext context, CancellationToken ct) =>
        routes.Find(RouteKeys.Fallback) is { } fallback
            ? fallback.Run(services.GetRequiredService(fallback.Handler), context, ct)
            : Task.CompletedTask;

    /// <summary>@username, a Telegram user id, or (when no Telegram id matches) an account id.</summary>
    private async Task<Account?> FindAsync(string who, CancellationToken ct) =>
        who.StartsWith('@') ? await accounts.FindByUsernameAsync(who, ct)
        : long.TryParse(who, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await accounts.FindByTelegramIdAsync(id, ct) ?? await accounts.FindAsync(id, ct)
            : null;
}
