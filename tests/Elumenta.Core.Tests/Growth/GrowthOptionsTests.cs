using Elumenta.Core.Growth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Growth;

public sealed class GrowthOptionsTests
{
    private static ReferralOptions Resolve(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var sp = new ServiceCollection().AddGrowthCore(configuration).BuildServiceProvider();
        return sp.GetRequiredService<IOptions<ReferralOptions>>().Value;
    }

    [Fact]
    public void The_rates_default_to_ten_percent_and_twenty_five_tokens_and_come_from_configuration()
    {
        Assert.Equal((10, 25), (Resolve([]).InviterPercent, Resolve([]).FirstPaymentBonus));
        Assert.Equal(15, Resolve(new() { ["Growth:Referral:InviterPercent"] = "15" }).InviterPercent);
    }

    [Theory]
    [InlineData("Growth:Referral:InviterPercent", "101", "Growth:Referral:InviterPercent must be between 0 and 100.")]
    [InlineData("Growth:Referral:FirstPaymentBonus", "-1", "Growth:Referral:FirstPaymentBonus must be between 0 and 100000.")]
    public void A_rate_out_of_range_is_refused_with_its_name(string key, string value, string message)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
