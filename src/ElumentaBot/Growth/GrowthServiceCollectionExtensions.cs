using System.Text.Json.Serialization;
using ElumentaBot.Growth.Promo;
using ElumentaBot.Growth.Referrals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Growth;

public static class GrowthServiceCollectionExtensions
{
    /// <summary>Referral and promo handlers; the rules and rates are the core's (<c>AddGrowthCore</c>, in <c>AddElumentaCore</c>).</summary>
    public static IServiceCollection AddGrowth(this IServiceCollection services)
    {
        services.TryAddSingleton<ReferralNotices>();
        services.TryAddSingleton<PromoRedeemer>();
        services.AddScoped<InviteLinks>();
        services.AddScoped<InviteHandler>();
        services.AddScoped<PromoHandler>();
        services.AddScoped<PromoAdmin>();
        services.AddScoped<GrowthStart>();
        return services;
    }
}

[JsonSerializable(typeof(string))]
internal sealed partial class GrowthJson : JsonSerializerContext;
