using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Api.Tests.Users;
using Elumenta.Core.Growth;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Tests.Growth;

public sealed class GrowthBalanceTests
{
    [Fact]
    public async Task Promo_tokens_show_in_the_api_balance_as_bonus_tokens()
    {
        await using var server = await ApiServer.StartAsync();
        var account = await server.CreateAccountAsync(2101);
        var store = server.Get<Store>();
        var now = server.Get<TimeProvider>().GetUtcNow();
        await store.WriteAsync((c, t) => PromoCodes.CreateAsync(c, t, "APITEST", 70, 5, now.AddDays(1).ToUnixTimeMilliseconds(), 1, now.ToUnixTimeMilliseconds(), CancellationToken.None));
        Assert.Equal(PromoRedeem.Credited, (await server.Get<PromoCodes>().RedeemAsync(account.Id, "apitest", now.ToUnixTimeMilliseconds())).Outcome);

        var body = await server.SessionClient(account).GetFromJsonAsync<JsonElement>("/api/v2/user/balance");

        Assert.Equal(120, body.GetProperty("bonus_tokens").GetInt32());
        Assert.Equal(120, body.GetProperty("token_balance").GetInt32());
    }
}
