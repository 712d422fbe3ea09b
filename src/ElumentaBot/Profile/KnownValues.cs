using Elumenta.Core.Catalog;

namespace ElumentaBot.Profile;

/// <summary>
/// Values for options that do not change the price, and so are not listed in the catalog: what each provider's
/// API accepts for output format, aspect ratio and voice. The lists live in the core (<see cref="OptionChoices"/>),
/// where the API's model catalog reads them too.
/// </summary>
internal static class KnownValues
{
    public static IReadOnlyList<SettingValue> For(Model model, string option) =>
        [.. OptionChoices.Known(model, option).Select(c => new SettingValue(c.Value, c.Label))];

    /// <summary>A priced value the provider refuses: offering it would only lead to a failed request.</summary>
    public static bool IsRefused(Model model, string option, string value) => OptionChoices.IsRefused(model, option, value);
}
