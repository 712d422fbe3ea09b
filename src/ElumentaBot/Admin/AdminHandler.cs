using System.Globalization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Payments;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Admin;

/// <summary>
/// Admin commands for the ids in <c>Telegram:AdminUserIds</c>. For anyone else this handler does not exist: it
/// returns false, so they get whatever an unknown command gets; so does an admin in a group (figures and
/// account details stay out of shared chats). Bad arguments get the command's usage line.
/// </summary>
public sealed class AdminHandler(
    CurrentUser user, AccountService accounts, BillingService billing, ModelCatalog catalog, Refunds refunds, PaymentFollowUps followUps,
    SubscriptionCanceller canceller, AdminReports reports, Broadcaster broadcaster, Localizer texts, ILogger<AdminHandler> logger)
{
    private static readonly HashSet<string> Commands = ["stats", "user", "grant", "setplan", "refund", "ban", "unban", "broadcast"];

    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command is not { } command || !Commands.Contains(command) || !user.IsAdmin || context.Message is not { From: { } from, Chat.Type: ChatType.Private } message)
        {
            return false;
        }

        logger.LogInformation("Admin {AdminId} runs /{Command}", from.Id, command);
        var args = context.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reply = await RunAsync(command, args, context.CommandArgument, from.Id, message.Chat.Id, ct);
        if (reply is not null)
        {
            await context.Bot.SendMessage(message.Chat.Id, reply, cancellationToken: ct);
        }

        return true;
    }

    private async Task<string?> RunAsync(string command, string[] args, string rest, long adminId, long chatId, CancellationToken ct)
    {
        var lang = user.Language;
        var usage = texts.Get(lang, "admin.usage." + command, ("plans", string.Join("|", catalog.Plans.Where(p => p.IsPaid).Select(p => p.Code))));
        switch (command, args)
        {
            case ("stats", []):
                return await reports.StatsAsync(30, lang, ct);
            case ("stats", [var d]) when int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var period) && period is >= 1 and <= 365:
                return await reports.StatsAsync(period, lang, ct);
            case ("user", [var who]):
                return await FindAsync(who, ct) is { } a ? await reports.UserAsync(a, lang, ct) : NotFound(who);
            case ("grant", [var who, var n]) when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens is >= 1 and <= 1_000_000:
                return await FindAsync(who, ct) is { } target ? await GrantAsync(target, tokens, adminId, lang, ct) : NotFound(who);
            case ("setplan", [var who, var code, var n]) when catalog.FindPlan(code) is { IsPaid: true } plan
                && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 365:
                return await FindAsync(who, ct) is { } planTarget ? await SetPlanAsync(planTarget, plan, days, adminId, lang, ct) : NotFound(who);
            case ("refund", [var charge]):
                return await RefundAsync(charge, adminId, lang, ct);
            case ("ban" or "unban", [var who]):
                return await FindAsync(who, ct) is { } banTarget ? await BanAsync(banTarget, command == "ban", adminId, lang, ct) : NotFound(who);
            case ("broadcast", [_, ..]):
                logger.LogInformation("Admin {AdminId} started a broadcast of {Length} characters", adminId, rest.Length);
                broadcaster.Start(new BroadcastJob(adminId, chatId, lang, rest));
                return null;
            default:
                return usage;
        }

        string NotFound(string who) => texts.Get(lang, "admin.not_found", ("who", who));
    }

    private async Task<string> GrantAsync(Account target, int tokens, long adminId, string lang, CancellationToken ct)
    {
        var bonus = await billing.AdminGrantAsync(target.Id, tokens, adminId, ct);
        logger.LogInformation("Admin {AdminId} granted {Tokens} tokens to account {AccountId}", adminId, tokens, target.Id);
        return texts.Get(lang, "admin.granted", ("id", Id(target.Id)), ("tokens", texts.Plural(lang, "tokens", tokens)), ("bonus", texts.Plural(lang, "tokens", bonus)));
    }

    private async Task<string> SetPlanAsync(Account target, Plan plan, int days, long adminId, string lang, CancellationToken ct)
    {
        var started = await billing.StartCycleAsync(target.Id, new CycleStart(plan.Code) { Days = days }, ct);
        logger.LogInformation("Admin {AdminId} set plan {Plan} for {Days} days on account {AccountId}", adminId, plan.Code, days, target.Id);
        // The replaced plan's subscription would otherwise renew on top of the admin's plan.
        if (started.CancelSubscriptionChargeId is { } old && await followUps.RequestSubscriptionCancelAsync(old, ct))
        {
            await canceller.TryCancelAsync(target.TelegramUserId, old, ct);
        }

        return texts.Get(lang, "admin.plan_set", ("id", Id(target.Id)), ("plan", plan.Name), ("date", started.EndsAt));
    }

    private async Task<string> RefundAsync(string charge, long adminId, string lang, CancellationToken ct)
    {
        logger.LogInformation("Admin {AdminId} refunds charge {ChargeId}", adminId, charge);
        return await refunds.RefundAsync(charge, adminId, ct) switch
        {
            RefundOutcome.Done done => texts.Get(lang, "admin.refund.done", ("stars", done.Result.Payment.Stars), ("charge", charge), ("id", Id(done.AccountId)),
                ("taken", done.Result.TokensTaken), ("ended", texts.Get(lang, done.Result.PlanEnded ? "admin.yes" : "admin.no"))),
            RefundOutcome.AlreadyRefunded => texts.Get(lang, "admin.refund.already", ("charge", charge)),
            RefundOutcome.TelegramRefused refused => texts.Get(lang, "admin.refund.failed", ("charge", charge), ("error", refused.Error)),
            _ => texts.Get(lang, "admin.refund.unknown", ("charge", charge)),
        };
    }

    private async Task<string> BanAsync(Account target, bool banned, long adminId, string lang, CancellationToken ct)
    {
        await accounts.SetBannedAsync(target.Id, banned, ct);
        logger.LogInformation("Admin {AdminId} set banned={Banned} on account {AccountId}", adminId, banned, target.Id);
        return texts.Get(lang, banned ? "admin.banned" : "admin.unbanned", ("id", Id(target.Id)));
    }

    /// <summary>@username, a Telegram user id, or (when no Telegram id matches) an account id.</summary>
    private async Task<Account?> FindAsync(string who, CancellationToken ct) =>
        who.StartsWith('@') ? await accounts.FindByUsernameAsync(who, ct)
        : long.TryParse(who, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await accounts.FindByTelegramIdAsync(id, ct) ?? await accounts.FindAsync(id, ct)
            : null;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
