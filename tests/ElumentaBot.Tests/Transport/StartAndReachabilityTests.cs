using ElumentaBot.Transport;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Dapper;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Transport;

public sealed class StartAndReachabilityTests
{
    [Theory]
    [InlineData("ru", "Привет")]
    [InlineData("uk", "Привет")]
    [InlineData("kk", "Привет")]
    [InlineData("en", "Hi")]
    [InlineData("pt-br", "Hi")]
    [InlineData(null, "Hi")]
    public async Task Start_greets_in_the_users_language(string? languageCode, string expected)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server);
        bot.Fake.SendText(31, "/start", languageCode: languageCode, firstName: "Ann");

        var replies = await bot.Fake.WaitForCallsAsync("sendMessage", 1, TimeSpan.FromSeconds(10));

        var reply = Assert.Single(replies);
        Assert.Equal(31, reply.Long("chat_id"));
        Assert.StartsWith($"{expected}, Ann", reply.String("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_chat_member_kicked_and_member_set_and_clear_the_unreachable_flag()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server);
        await bot.Store.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO accounts (telegram_user_id, created_at) VALUES (51, 0)", transaction: t));
        Task<long> Flag() => bot.QueryAsync<long>("SELECT blocked_by_user FROM accounts WHERE telegram_user_id = 51");

        bot.Fake.SendMyChatMember(51, "kicked");
        await BotHarness.WaitUntilAsync(async () => await Flag() == 1, TimeSpan.FromSeconds(10), "the account is unreachable");
        bot.Fake.SendMyChatMember(51, "member");
        await BotHarness.WaitUntilAsync(async () => await Flag() == 0, TimeSpan.FromSeconds(10), "the account is reachable again");
    }

    [Fact]
    public void Command_parsing_strips_bot_name_and_keeps_the_payload()
    {
        var update = new Update
        {
            Message = new Message { Text = "/Start@ElumentaBot t_abc", Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = 18 }] },
        };
        var context = new UpdateContext(update, UpdateKinds.Message, 1, 0, null!);
        Assert.Equal(("start", "t_abc", "ElumentaBot"), (context.Command, context.CommandArgument, context.CommandAddressee));
        var plain = new UpdateContext(new Update { Message = new Message { Text = "/help", Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = 5 }] } }, UpdateKinds.Message, 1, 0, null!);
        Assert.Equal(("help", "", null), (plain.Command, plain.CommandArgument, plain.CommandAddressee));
    }
}
