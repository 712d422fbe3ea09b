using ElumentaBot.ApiKeys;
using ElumentaBot.ModelPicker;
using ElumentaBot.Profile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Onboarding;

public static class OnboardingServiceCollectionExtensions
{
    /// <summary>
    /// First contact and the account's own screens: /start and the command menu, /help, /terms, the fallback,
    /// mode taps, /models, /balance, /settings, /lang and /apikey. Their routes: MapOnboarding, MapProfile,
    /// MapModels, MapApiKeys.
    /// </summary>
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddOptions<TermsOptions>().BindConfiguration(TermsOptions.Section);
        services.TryAddSingleton<ModelPickerScreens>();
        services.TryAddSingleton<ModeScreen>();
        services.TryAddSingleton<BalanceScreen>();
        services.TryAddSingleton<SettingsScreens>();
        services.TryAddSingleton<ApiKeyScreens>();
        services.TryAddScoped<LanguageSwitch>();
        services.AddHostedService<BotCommandsPublisher>();

        services.TryAddScoped<StartHandler>();
        services.TryAddScoped<HelpHandler>();
        services.TryAddSingleton<HelpPages>();
        services.TryAddScoped<UnknownCommandHandler>();
        services.TryAddScoped<ModeHandler>();
        services.TryAddScoped<BalanceHandler>();
        services.TryAddScoped<SettingsHandler>();
        services.TryAddScoped<LanguageHandler>();
        services.TryAddScoped<ModelPickerHandler>();
        services.TryAddScoped<ApiKeyHandler>();
        return services;
    }
}
