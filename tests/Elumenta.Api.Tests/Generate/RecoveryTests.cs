using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Generations;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

public sealed class RecoveryTests
{
    [Fact]
    public async Task A_sync_api_generation_cut_off_by_a_stop_is_released_when_the_api_starts_again()
    {
        var dir = Path.Combine(Path.GetTempPath(), "elumenta-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = Path.Combine(dir, "shared.db");
        long accountId;
        long generationId;
        await using (var first = await ApiServer.StartAsync(databasePath: database))
        {
            accountId = (await first.CreateAccountAsync(8001, "vip")).Id;
            // Admitted as the endpoint admits, then the process stops before the provider answered.
            var admitted = (AdmissionResult.Admitted)await first.Get<Admission>().AdmitAsync(
                new AdmissionRequest(accountId, "dall-e-3") { Source = "api", Prompt = "cut off" });
            generationId = admitted.GenerationId;
            Assert.Equal(1545, await BalanceAsync(first, accountId));
        }

        await using var second = await ApiServer.StartAsync(databasePath: database);

        Assert.Equal("failed", await StatusAsync(second, generationId));
        Assert.Equal(1550, await BalanceAsync(second, accountId));
        Directory.Delete(dir, recursive: true);
    }
}
