using ElumentaBot.Hosting;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Tests.Inline;

public sealed class InlineRouteTests
{
    [Theory]
    [InlineData("/start answer-abc", "Inline")]
    [InlineData("/start", "Onboarding")]
    [InlineData("/start ref-abc", "Onboarding")]
    [InlineData("/start answer", "Onboarding")]
    [InlineData("/start -answer", "Onboarding")]
    public void A_start_deep_link_goes_to_the_feature_owning_its_prefix_and_anything_else_to_the_greeting(string text, string feature)
    {
        var routes = BotPipeline.BuildRoutes();
        var message = new Message
        {
            Id = 1, Chat = new Telegram.Bot.Types.Chat { Id = 5, Type = ChatType.Private }, From = new User { Id = 5, FirstName = "T" }, Text = text,
            Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = 6 }],
        };
        var context = new UpdateContext(new Update { Id = 1, Message = message }, UpdateKinds.Message, 5, 0, null!);

        Assert.Equal(feature, routes.Resolve(context, new MainMenu(new ElumentaBot.Localization.Localizer()))!.Feature);
    }

    [Fact]
    public void Inline_queries_and_chosen_results_are_inline_mode_routes()
    {
        var owners = BotPipeline.BuildRoutes().All.ToDictionary(r => r.Key, r => r.Feature);

        Assert.Equal("Inline", owners[RouteKeys.InlineQuery]);
        Assert.Equal("Inline", owners[RouteKeys.ChosenInlineResult]);
        Assert.Contains(UpdateKinds.InlineQuery, UpdateKinds.Allowed);
        Assert.Contains(UpdateKinds.ChosenInlineResult, UpdateKinds.Allowed);
    }
}
