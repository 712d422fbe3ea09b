using System.Text;
using Elumenta.Core.Catalog;

namespace ElumentaBot.Payments;

public enum PayAction { Plans, Buy, Plan, ConfirmPlan, Package, Cancel }

/// <summary>
/// The <c>pay:</c> callback data: <c>pay:plans</c>, <c>pay:buy</c>, <c>pay:cancel</c>, <c>pay:plan:&lt;code&gt;</c>,
/// <c>pay:planok:&lt;code&gt;</c> (confirmed replacement), <c>pay:pkg:&lt;code&gt;</c>. Codes are checked against the
/// catalog, so forged or stale data parses to nothing.
/// </summary>
public static class PayCallbacks
{
    /// <summary>The route key: everything before the first ':'.</summary>
    public const string Name = "pay";
    public const string Plans = "pay:plans";
    public const string Buy = "pay:buy";
    public const string Cancel = "pay:cancel";
    private const string PlanPrefix = "pay:plan:";
    private const string ConfirmPrefix = "pay:planok:";
    private const string PackagePrefix = "pay:pkg:";

    public static string Plan(string code) => Checked(PlanPrefix + code);

    public static string ConfirmPlan(string code) => Checked(ConfirmPrefix + code);

    public static string Package(string code) => Checked(PackagePrefix + code);

    /// <summary>The action and its product code (null for actions without one), or null when the data is not valid.</summary>
    public static (PayAction Action, string? Code)? Parse(string? data, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return data switch
        {
            null => null,
            Plans => (PayAction.Plans, null),
            Buy => (PayAction.Buy, null),
            Cancel => (PayAction.Cancel, null),
            _ when data.StartsWith(PlanPrefix, StringComparison.Ordinal) => PaidPlan(data[PlanPrefix.Length..], PayAction.Plan, catalog),
            _ when data.StartsWith(ConfirmPrefix, StringComparison.Ordinal) => PaidPlan(data[ConfirmPrefix.Length..], PayAction.ConfirmPlan, catalog),
            _ when data.StartsWith(PackagePrefix, StringComparison.Ordinal) && catalog.FindPackage(data[PackagePrefix.Length..]) is { } p
                => (PayAction.Package, p.Code),
            _ => null,
        };
    }

    private static (PayAction, string?)? PaidPlan(string code, PayAction action, ModelCatalog catalog) =>
        catalog.FindPlan(code) is { IsPaid: true } plan ? (action, plan.Code) : null;

    // Telegram rejects callback data over 64 bytes; a long catalog code must fail here, not at Telegram.
    private static string Checked(string data) =>
        Encoding.UTF8.GetByteCount(data) <= 64 ? data : throw new InvalidOperationException($"Callback data '{data}' is over 64 bytes.");
}
