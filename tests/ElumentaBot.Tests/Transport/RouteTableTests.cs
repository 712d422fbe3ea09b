using ElumentaBot.Hosting;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Transport;

public sealed class RouteTableTests
{
    private sealed class First
    {
        public Task RunAsync(UpdateContext context, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class Second
    {
        public Task RunAsync(UpdateContext context, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void Two_features_claiming_one_route_stop_start_up_naming_both()
    {
        var routes = new RouteTable();
        routes.Feature("Payments").Command<First>("plans", (h, c, ct) => h.RunAsync(c, ct));

        var error = Assert.Throws<InvalidOperationException>(() =>
            routes.Feature("Onboarding").Command<Second>("Plans", (h, c, ct) => h.RunAsync(c, ct)));

        Assert.Contains("/plans", error.Message, StringComparison.Ordinal);
        Assert.Contains("Payments (First)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Onboarding (Second)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_table_has_one_owner_for_every_command_the_bot_publishes()
    {
        var routes = BotPipeline.BuildRoutes();
        var owners = routes.All.ToDictionary(r => r.Key, r => r.Feature);

        foreach (var command in ElumentaBot.Onboarding.BotCommandsPublisher.Public)
        {
            Assert.True(owners.ContainsKey(RouteKeys.Command(command)), $"/{command} has no route");
        }

        Assert.Equal("Payments", owners[RouteKeys.Command("plans")]);
        Assert.Equal("Payments", owners[RouteKeys.Menu(MenuItem.Plans)]);
        Assert.Equal("Cancel", owners[RouteKeys.Command("cancel")]);
        Assert.Equal("Chat", owners[RouteKeys.Input(InputKind.Text, BotMode.Chat)]);
        Assert.Equal("Media", owners[RouteKeys.Input(InputKind.Text, BotMode.Image)]);
        Assert.True(owners.ContainsKey(RouteKeys.Fallback));
    }
}
