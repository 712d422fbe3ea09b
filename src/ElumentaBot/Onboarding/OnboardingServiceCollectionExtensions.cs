using ElumentaBot.ApiKeys;
using ElumentaBot.ModelPicker;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Onboarding;

public static class OnboardingServiceCollectionExtensions
{
    /// <summary>
    /// First contact and the account's own screens: the group filter, /start and the command menu, /help, /terms,
    /// mode taps, /models, /balance, /settings, /lang and /apikey. Register right after the transport.
    /// </summary>
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddOptions<TermsOptions>().BindConfiguration(TermsOptions.Section);
        services.TryAddSingleton<BotIdentity>();
        services.TryAddSingleton<ModelPickerScreens>();
        services.TryAddSingleton<ModeScreen>();
        services.TryAddSingleton<BalanceScreen>();
        services.TryAddSingleton<SettingsScreens>();
        services.TryAddSingleton<ApiKeyScreens>();
        services.TryAddScoped<LanguageSwitch>();
        services.AddHostedService<BotCommandsPublisher>();

        // The group filter comes first so that nothing after it sees group chatter not addressed to the bot.
        services.AddUpdateHandler<GroupFilterHandler>();
        services.AddUpdateHandler<StartHandler>();
        services.AddUpdateHandler<HelpHandler>();
        services.AddUpdateHandler<ModeHandler>();
        services.AddUpdateHandler<ModelPickerHandler>();
        services.AddUpdateHandler<BalanceHandler>();
        services.AddUpdateHandler<SettingsHandler>();
        services.AddUpdateHandler<LanguageHandler>();
        services.AddUpdateHandler<ApiKeyHandler>();
        return services;
    }

    /// <summary>Unknown commands and unclaimed buttons; must be the last handler registered.</summary>
    public static IServiceCollection AddUnknownCommandFallback(this IServiceCollection services) =>
        services.AddUpdateHandler<UnknownCommandHandler>();
}
