using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Elumenta.Core.Growth;

/// <summary><c>Growth:Referral</c>: the inviter's share of each referral payment and the referral's first-payment gift.</summary>
public sealed class ReferralOptions
{
    public const string Section = "Growth:Referral";

    public int InviterPercent { get; set; } = 10;

    public int FirstPaymentBonus { get; set; } = 25;
}

public static class GrowthServiceCollectionExtensions
{
    public static IServiceCollection AddGrowthCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReferralOptions>()
            .Bind(configuration.GetSection(ReferralOptions.Section))
            .Validate(o => o.InviterPercent is >= 0 and <= 100, "Growth:Referral:InviterPercent must be between 0 and 100.")
            .Validate(o => o.FirstPaymentBonus is >= 0 and <= 100_000, "Growth:Referral:FirstPaymentBonus must be between 0 and 100000.")
            .ValidateOnStart();
        services.TryAddSingleton<Referrals>();
        services.TryAddSingleton<ReferralRewards>();
        services.TryAddSingleton<PromoCodes>();
        return services;
    }
}
