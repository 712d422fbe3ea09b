using System.Text.Json;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;

namespace Elumenta.Api.Users;

/// <summary>The settings of <c>/user/settings</c>, as the bot's /settings shows them.</summary>
/// <param name="ImageFormat">null: each model's default format.</param>
/// <param name="DefaultImageSize">null: each model's default size.</param>
public sealed record SettingsAnswer(string Language, string? ImageFormat, bool NotificationsEnabled, string? DefaultImageSize);

/// <summary>A validated PATCH: what to change, nothing else.</summary>
/// <param name="BotKeys">Keys of the bot's settings JSON to set (null value: remove, back to the model's default).</param>
public sealed record SettingsChange(string? Language, bool? NotificationsEnabled, IReadOnlyDictionary<string, string?> BotKeys);

/// <summary>
/// Reads and validates the API's view of the bot's preferences. Language and notifications are account columns;
/// the image format and size live in the bot's settings JSON (<c>accounts.settings</c>) under its own keys.
/// </summary>
public sealed class SettingsRules(ModelCatalog catalog)
{
    public const string FormatKey = "image_format";
    public const string SizeKey = "image_size";

    public static readonly IReadOnlyList<string> ImageFormats = ["webp", "png", "jpeg"];
    private static readonly string[] SizeOptions = ["size", "resolution"];

    /// <summary>Every size the bot's /settings offers for some image model (it shows the selected model's).</summary>
    public IReadOnlyList<string> ImageSizes { get; } = [.. catalog.InCategory(ModelCategory.Image)
        .SelectMany(m => SizeOptions.Select(o => OptionChoices.For(m, o)).FirstOrDefault(c => c.Count > 1) ?? [])
        .Select(c => c.Value).Distinct(StringComparer.Ordinal)];

    public static SettingsAnswer Read(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var format = BotValue(account.Settings, FormatKey);
        // Replicate and Luma spell JPEG "jpg" (the bot stores the model's own value); the API names it once.
        format = OptionChoices.SameValue("jpeg", format) ? "jpeg" : format;
        return new SettingsAnswer(account.Language, format, account.NotificationsEnabled, BotValue(account.Settings, SizeKey));
    }

    /// <returns>The change, or field → problem (and then nothing may be written).</returns>
    public (SettingsChange? Change, Dictionary<string, string> Problems) Parse(JsonElement body)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        string? language = null;
        bool? notifications = null;
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in body.EnumerateObject())
        {
            var value = field.Value;
            switch (field.Name)
            {
                case "language" when value.ValueKind == JsonValueKind.String && Languages.IsSupported(value.GetString()):
                    language = value.GetString();
                    break;
                case "language":
                    problems[field.Name] = "language must be \"en\" or \"ru\".";
                    break;
                case "notifications_enabled" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    notifications = value.GetBoolean();
                    break;
                case "notifications_enabled":
                    problems[field.Name] = "notifications_enabled must be true or false.";
                    break;
                case "image_format":
                    Choice(field.Name, value, ImageFormats, FormatKey, keys, problems);
                    break;
                case "default_image_size":
                    Choice(field.Name, value, ImageSizes, SizeKey, keys, problems);
                    break;
                default:
                    problems[field.Name] = "Unknown setting; the settings are language, image_format, notifications_enabled and default_image_size.";
                    break;
            }
        }

        return problems.Count > 0 ? (null, problems) : (new SettingsChange(language, notifications, keys), problems);
    }

    private static void Choice(string field, JsonElement value, IReadOnlyList<string> allowed, string key, Dictionary<string, string?> keys, Dictionary<string, string> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            keys[key] = null;
        }
        else if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!, StringComparer.Ordinal))
        {
            keys[key] = value.GetString();
        }
        else
        {
            problems[field] = $"{field} must be one of: {string.Join(", ", allowed)} (or null for each model's default).";
        }
    }

    /// <summary>A string value of the bot's settings JSON; anything unreadable counts as unset, as the bot reads it.</summary>
    private static string? BotValue(string? json, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
