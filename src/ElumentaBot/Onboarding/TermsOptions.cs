namespace ElumentaBot.Onboarding;

/// <summary>The <c>Terms</c> section (<c>config/terms.json</c>): the terms of service in each language.</summary>
public sealed class TermsOptions
{
    public const string Section = "Terms";

    public string Ru { get; set; } = "";
    public string En { get; set; } = "";

    public string For(string language) => language == "ru" && Ru.Length > 0 ? Ru : En;
}
