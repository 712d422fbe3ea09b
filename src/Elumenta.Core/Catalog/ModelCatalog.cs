using Microsoft.Extensions.Options;

namespace Elumenta.Core.Catalog;

/// <summary>The validated catalog, built once from <see cref="CatalogOptions"/>.</summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, Model> _models;
    private readonly Dictionary<string, Plan> _plans;
    private readonly Dictionary<string, TokenPackage> _packages;

    public ModelCatalog(IOptions<CatalogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var errors = CatalogValidator.Validate(value);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(CatalogOptions.Section, typeof(CatalogOptions), errors);
        }

        Models = value.Models.Select(ToModel).ToList();
        Plans = value.Plans.Select(ToPlan).ToList();
        Packages = value.Packages.Select(p => new TokenPackage(p.Code, p.Name, p.Tokens, p.Stars, p.Rubles)).ToList();
        _models = Models.ToDictionary(m => m.Slug, StringComparer.OrdinalIgnoreCase);
        _plans = Plans.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        _packages = Packages.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Model> Models { get; }
    public IReadOnlyList<Plan> Plans { get; }
    public IReadOnlyList<TokenPackage> Packages { get; }

    public Model? FindModel(string slug) => _models.GetValueOrDefault(slug);

    public Plan? FindPlan(string code) => _plans.GetValueOrDefault(code);

    /// <summary>The plan an account row names; an unknown code (a plan removed from config) counts as free.</summary>
    public Plan PlanOrFree(string code) => _plans.GetValueOrDefault(code) ?? _plans[Plan.Free];

    public TokenPackage? FindPackage(string code) => _packages.GetValueOrDefault(code);

    public IEnumerable<Model> InCategory(ModelCategory category) => Models.Where(m => m.Category == category);

    /// <summary>The paid plans that unlock <paramref name="model"/>, cheapest first.</summary>
    public IReadOnlyList<Plan> PlansUnlocking(Model model) =>
        Plans.Where(p => p.CanUse(model) && p.IsPaid).OrderBy(p => p.Stars).ToList();

    private static Model ToModel(ModelOptions m) => new(
        m.Slug,
        m.Name,
        CatalogValidator.ParseCategory(m.Category)!.Value,
        CatalogValidator.ParseProvider(m.Provider)!.Value,
        m.UpstreamId,
        m.UpstreamVersion,
        m.Tier.Equals("starter", StringComparison.OrdinalIgnoreCase) ? ModelTier.Starter : ModelTier.Basic,
        m.MinPrice,
        m.MaxPrice,
        m.Price,
        new HashSet<string>(m.Capabilities, StringComparer.Ordinal),
        new HashSet<string>(m.Options, StringComparer.Ordinal),
        m.MaxPromptChars,
        m.ContextChars);

    private static Plan ToPlan(PlanOptions p) => new(
        p.Code, p.Name, p.TokensPerCycle, p.Stars, p.Rubles, p.HourlyLimit, p.DailyLimit,
        p.Models.Equals("all", StringComparison.OrdinalIgnoreCase), p.ApiAccess, p.MaxConcurrentJobs, p.CycleDays);
}
