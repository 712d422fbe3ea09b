using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace ElumentaBot.Localization;

/// <summary>
/// Every user-visible string, in Russian and English, from <c>Localization/Texts/{area}.{ru,en}.json</c>. Placeholders are
/// named (<c>{price}</c>) so translators can reorder them; numbers and dates use the language's culture.
/// </summary>
public sealed class Localizer
{
    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _texts;

    public Localizer()
    {
        _texts = Languages.ToDictionary(lang => lang, Load, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> All(string language) => _texts[Normalize(language)];

    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(Normalize(language) == "ru" ? "ru-RU" : "en-US");

    /// <summary>The text for <paramref name="key"/> with <c>{name}</c> placeholders filled from <paramref name="args"/>.</summary>
    public string Get(string language, string key, params (string Name, object? Value)[] args)
    {
        var lang = Normalize(language);
        if (!_texts[lang].TryGetValue(key, out var template))
        {
            throw new KeyNotFoundException($"No '{key}' text in '{lang}'.");
        }

        if (args.Length == 0)
        {
            return template;
        }

        var culture = Culture(lang);
        var text = new StringBuilder(template);
        foreach (var (name, value) in args)
        {
            text.Replace("{" + name + "}", Format(value, culture));
        }

        return text.ToString();
    }

    /// <summary>
    /// A count with its noun: <paramref name="key"/>.one / .few / .many in Russian, .one / .other in English.
    /// </summary>
    public string Plural(string language, string key, long count)
    {
        var lang = Normalize(language);
        var form = lang == "ru" ? RussianForm(count) : (count == 1 ? "one" : "other");
        return Get(lang, $"{key}.{form}", ("n", count));
    }

    private static string RussianForm(long count)
    {
        var n = Math.Abs(count);
        var lastTwo = n % 100;
        var last = n % 10;
        return lastTwo is >= 11 and <= 14 ? "many" : last == 1 ? "one" : last is >= 2 and <= 4 ? "few" : "many";
    }

    private static string Format(object? value, CultureInfo culture) => value switch
    {
        null => "",
        DateTimeOffset at => at.ToString(culture.Name == "ru-RU" ? "d MMMM yyyy, HH:mm 'UTC'" : "MMMM d, yyyy, HH:mm 'UTC'", culture),
        int or long => string.Format(culture, "{0:N0}", value),
        IFormattable formattable => formattable.ToString(null, culture),
        _ => value.ToString() ?? "",
    };

    private static string Normalize(string? language) => language == "ru" ? "ru" : "en";

    /// <summary>Merges every <c>Texts/{area}.{language}.json</c>; each feature area keeps its own file.</summary>
    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        var assembly = typeof(Localizer).Assembly;
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith($".{language}.json", StringComparison.Ordinal) && n.Contains(".Texts.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var texts = JsonSerializer.Deserialize(stream, LocalizationJson.Default.DictionaryStringString) ?? [];
            foreach (var (key, value) in texts)
            {
                if (!merged.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"Text key '{key}' is defined twice for '{language}' (again in {name}).");
                }
            }
        }

        return merged.Count > 0 ? merged : throw new InvalidOperationException($"No texts for '{language}'.");
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LocalizationJson : System.Text.Json.Serialization.JsonSerializerContext;
