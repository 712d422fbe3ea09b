using System.Text.Json;
using System.Text.Json.Serialization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

/// <summary>
/// Per-account bot preferences, stored as JSON in <c>accounts.settings</c>: the mode the reply keyboard chose,
/// the selected model per category, and defaults for media requests. Unknown or stale values fall back to defaults.
/// </summary>
public sealed record UserSettings
{
    public static readonly IReadOnlyDictionary<ModelCategory, string> DefaultModels = new Dictionary<ModelCategory, string>
    {
        [ModelCategory.Text] = "gpt-5-nano",
        [ModelCategory.Image] = "photon-flash",
        [ModelCategory.Video] = "luma-ray2-flash",
        [ModelCategory.Music] = "musicgen",
        [ModelCategory.Tts] = "minimax-tts",
        [ModelCategory.Stt] = "whisper",
    };

    public BotMode Mode { get; init; } = BotMode.Chat;

    /// <summary>Category name (<see cref="ModelCategory"/>) → model slug.</summary>
    /// <remarks>The JSON source generator assigns every init property, null for one missing from the JSON.</remarks>
    public Dictionary<string, string> Models { get; init => field = value ?? []; } = [];

    public string? ImageSize { get; init; }
    public string? ImageQuality { get; init; }
    public string? ImageFormat { get; init; }
    public string? VideoDuration { get; init; }
    public string? VideoResolution { get; init; }
    public string? VideoAspectRatio { get; init; }
    public string? TtsVoice { get; init; }

    /// <summary>The audio tool applied to audio files sent in Audio mode.</summary>
    public string? AudioTool { get; init; }

    /// <summary>Whether the one-time "history was trimmed" notice was shown for the current conversation.</summary>
    public bool TrimNoticeShown { get; init; }

    public string SelectedModel(ModelCategory category, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Models.TryGetValue(category.ToString(), out var slug) && catalog.FindModel(slug) is { } model && model.Category == category
            ? model.Slug
            : DefaultModels.GetValueOrDefault(category) ?? catalog.InCategory(category).First().Slug;
    }

    public UserSettings WithModel(ModelCategory category, string slug) =>
        this with { Models = new Dictionary<string, string>(Models) { [category.ToString()] = slug } };

    public static UserSettings Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new UserSettings();
        }

        try
        {
            return JsonSerializer.Deserialize(json, UserSettingsJson.Default.UserSettings) ?? new UserSettings();
        }
        catch (JsonException)
        {
            return new UserSettings();
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, UserSettingsJson.Default.UserSettings);

    public static UserSettings Of(Account account) => Parse(account?.Settings);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserSettings))]
internal sealed partial class UserSettingsJson : JsonSerializerContext;
