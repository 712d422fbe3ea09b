using System.Text.RegularExpressions;
using ElumentaBot.Localization;

namespace ElumentaBot.Tests.Localization;

public sealed partial class LocalizerTests
{
    private readonly Localizer _texts = new();

    [Fact]
    public void Every_key_exists_in_both_languages_with_the_same_placeholders()
    {
        var ru = _texts.All("ru");
        var en = _texts.All("en");
        var plural = PluralSuffix();

        var missingInRu = en.Keys.Where(k => !ru.ContainsKey(k) && !plural.IsMatch(k)).ToList();
        var missingInEn = ru.Keys.Where(k => !en.ContainsKey(k) && !plural.IsMatch(k)).ToList();
        Assert.True(missingInRu.Count == 0, "missing in ru: " + string.Join(", ", missingInRu));
        Assert.True(missingInEn.Count == 0, "missing in en: " + string.Join(", ", missingInEn));
        foreach (var key in en.Keys.Intersect(ru.Keys))
        {
            Assert.True(Placeholders(en[key]).SetEquals(Placeholders(ru[key])), $"placeholders differ for '{key}'");
            Assert.False(string.IsNullOrWhiteSpace(en[key]) || string.IsNullOrWhiteSpace(ru[key]), $"'{key}' is empty");
        }
    }

    [Fact]
    public void Every_plural_has_all_its_forms()
    {
        var ruBases = _texts.All("ru").Keys.Where(k => PluralSuffix().IsMatch(k)).Select(Base).ToHashSet();
        var enBases = _texts.All("en").Keys.Where(k => PluralSuffix().IsMatch(k)).Select(Base).ToHashSet();

        Assert.Equal(ruBases.Order(), enBases.Order());
        foreach (var key in ruBases)
        {
            Assert.All(new[] { "one", "few", "many" }, form => Assert.True(_texts.All("ru").ContainsKey($"{key}.{form}"), $"ru {key}.{form}"));
            Assert.All(new[] { "one", "other" }, form => Assert.True(_texts.All("en").ContainsKey($"{key}.{form}"), $"en {key}.{form}"));
        }
    }

    [Theory]
    [InlineData("ru", 1, "1 токен")]
    [InlineData("ru", 3, "3 токена")]
    [InlineData("ru", 5, "5 токенов")]
    [InlineData("ru", 11, "11 токенов")]
    [InlineData("ru", 21, "21 токен")]
    [InlineData("ru", 1500, "1 500 токенов")]
    [InlineData("en", 1, "1 token")]
    [InlineData("en", 1500, "1,500 tokens")]
    public void Token_counts_read_naturally(string language, long count, string expected) =>
        Assert.Equal(expected, _texts.Plural(language, "tokens", count).Replace('\u00A0', ' ').Replace('\u202F', ' '));

    [Fact]
    public void Placeholders_are_filled_by_name_and_unknown_languages_fall_back_to_english()
    {
        var text = _texts.Get("de", "start.welcome_back", ("name", "Anna"), ("balance", "50 tokens"));

        Assert.Equal("Welcome back, Anna! Your balance: 50 tokens.", text);
    }

    [Fact]
    public void No_russian_text_is_hard_coded_outside_the_resource_files()
    {
        var root = FindRepoRoot();
        var offenders = Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Cyrillic().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.True(offenders.Count == 0, "user text belongs in Localization/Texts: " + string.Join(", ", offenders));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    private static string Base(string key) => key[..key.LastIndexOf('.')];

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ElumentaBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ElumentaBot.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\.(one|few|many|other)$")]
    private static partial Regex PluralSuffix();

    [GeneratedRegex(@"[\u0400-\u04FF]")]
    private static partial Regex Cyrillic();
}
