using System.Text.RegularExpressions;
using Elumenta.Api.Errors;
using Elumenta.Core.Support;

namespace Elumenta.Api.Support;

/// <summary>
/// <c>/api/v2/support/tickets/{code}</c> for the support bot: the ticket a user opened with /support (or the Support
/// button of a failure) and its context snapshot; <c>PATCH</c> marks it resolved. Service key only.
/// </summary>
public static partial class SupportEndpoints
{
    public static IServiceCollection AddSupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceKeyOptions>().Bind(configuration.GetSection(ServiceKeyOptions.Section))
            .Validate(ServiceKeyFilter.IsValid, $"Every Api:ServiceKeys entry must be a secret of at least {ServiceKeyOptions.MinLength} characters, without spaces and not starting with nb_ (that is a user's API key).")
            .ValidateOnStart();
        return services;
    }

    public static RouteGroupBuilder MapSupport(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/support/tickets").WithTags("Support")
            .AddEndpointFilter<ServiceKeyFilter>().WithMetadata(new ServiceKeyRequired());
        tickets.MapGet("/{code}", GetAsync)
            .WithSummary("A support ticket and its context").WithDescription("Unknown codes and tickets older than 7 days: 404.")
            .Produces<TicketView>()
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound);
        tickets.MapPatch("/{code}", ResolveAsync)
            .WithSummary("Mark a ticket resolved").WithDescription("The body may be empty or `{\"status\": \"resolved\"}`; resolving twice changes nothing.")
            .Produces<TicketView>()
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(string code, SupportTickets tickets, CancellationToken ct) =>
        await FindAsync(code, tickets, ct) is { } ticket ? TypedResults.Ok(TicketView.Of(ticket)) : NoSuchTicket();

    private static async Task<IResult> ResolveAsync(string code, TicketPatch? body, SupportTickets tickets, CancellationToken ct)
    {
        if (body?.Status is { } status && status != TicketView.Resolved)
        {
            return ApiErrors.Validation("status", "status can only be set to \"resolved\".");
        }

        if (await FindAsync(code, tickets, ct) is null)
        {
            return NoSuchTicket();
        }

        await tickets.ResolveAsync(code, ct);
        return await tickets.FindAsync(code, ct) is { } ticket ? TypedResults.Ok(TicketView.Of(ticket)) : NoSuchTicket();
    }

    private static Task<SupportTicket?> FindAsync(string code, SupportTickets tickets, CancellationToken ct) =>
        TicketCode().IsMatch(code) ? tickets.FindAsync(code, ct) : Task.FromResult<SupportTicket?>(null);

    private static IResult NoSuchTicket() => ApiErrors.NotFound("No such ticket, or it expired (tickets last 7 days).");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TicketCode();

    public sealed record TicketPatch(string? Status);

    /// <param name="Status"><c>open</c> or <c>resolved</c>.</param>
    /// <param name="TelegramUserId">null for an account without a Telegram identity.</param>
    /// <param name="Context">Frozen when the ticket was opened: plan, pools, limits left, the last generations and payments.</param>
    public sealed record TicketView(
        string Code, string Status, string Reason, long AccountId, long? TelegramUserId, long? GenerationId,
        DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ResolvedAt, TicketContext Context)
    {
        public const string Open = "open";
        public const string Resolved = "resolved";

        public static TicketView Of(SupportTicket t) => new(
            t.Code, t.ResolvedAt is null ? Open : Resolved, t.Reason, t.AccountId, t.TelegramUserId == 0 ? null : t.TelegramUserId,
            t.GenerationId, t.CreatedAt, t.ExpiresAt, t.ResolvedAt, t.Context);
    }
}
