using Dapper;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers.Tests.Infrastructure;
using Elumenta.Providers.Tests.Media;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Jobs;

public sealed class JobPollerTests
{
    private static readonly TimeSpan ReplicateInterval = TimeSpan.FromSeconds(2);

    private static async Task<(JobHarness H, Core.Accounts.Account Account, long Id, int Price)> StartVideoAsync(string jobId)
    {
        var h = await JobHarness.StartAsync((ProviderName.Replicate, "/v1"));
        h.Fake.On("POST", "/v1/models/minimax/video-01/predictions", Json(201, ReplicateTests.Prediction(jobId, "starting")));
        var (account, id, price) = await h.AdmitAsync("minimax-video");
        var model = JobHarness.Catalog.FindModel("minimax-video")!;
        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new VideoRequest(model, "a sunrise"), default));
        await h.Poller.TrackAsync(id, pending.ProviderJobId, default);
        return (h, account, id, price);
    }

    private static Task<int> RateEventsAsync(JobHarness h, long generationId) =>
        h.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM rate_events WHERE generation_id = @generationId", new { generationId }));

    [Fact]
    public async Task A_chained_job_is_followed_to_its_second_step_and_settled_once()
    {
        await using var h = await JobHarness.StartAsync((ProviderName.MidJourney, "/api"));
        string Job(string id, string status, string output = "null") =>
            $$$"""{"job_id":"{{{id}}}","status":"{{{status}}}","output":{{{output}}},"error":{"code":0,"message":""}}""";
        h.Fake.On("POST", "/api/v1/video-diffusion", Json(200, Job("mv1", "pending")));
        h.Fake.On("GET", "/api/v1/job/mv1", Json(200, Job("mv1", "completed", """{"video_urls":["https://cdn.legnext.ai/mv1.mp4"]}""")));
        h.Fake.On("POST", "/api/v1/extend-video", Json(200, Job("mx1", "pending")));
        h.Fake.On("GET", "/api/v1/job/mx1", Json(200, Job("mx1", "completed", """{"video_urls":["https://cdn.legnext.ai/mx1.mp4"]}""")));
        var options = new Dictionary<string, string> { ["duration"] = "10" };
        var (account, id, price) = await h.AdmitAsync("midjourney-video", options);
        var model = JobHarness.Catalog.FindModel("midjourney-video")!;
        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new VideoRequest(model, "waves", options), default));
        await h.Poller.TrackAsync(id, pending.ProviderJobId, default);

        Assert.Equal(0, await h.Poller.PollOnceAsync(default));
        Assert.Equal("mx1", (await h.Generations.GetAsync(id))!.ProviderJobId);
        h.StartProcess();
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await h.Poller.PollOnceAsync(default));

        var done = (await h.Generations.GetAsync(id))!;
        Assert.Equal(100, price);
        Assert.Equal((GenerationStatus.Completed, price, "https://cdn.legnext.ai/mx1.mp4"), (done.Status, done.TokensSpent, done.ResultUrl));
        Assert.Single(h.Fake.To("POST", "/api/v1/extend-video"));
        Assert.Single(h.Listener.Settled);
        Assert.Equal(300 + 50 - price, (await h.ReloadAsync(account)).Balance);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_video_job_resumes_polling_and_delivers_once()
    {
        var (h, account, id, price) = await StartVideoAsync("vid1");
        await using var _ = h;
        h.Fake.On("GET", "/v1/predictions/vid1", Json(200, ReplicateTests.Prediction("vid1", "processing", logs: " 30%|###")));
        h.Fake.On("GET", "/v1/predictions/vid1", Json(200, ReplicateTests.Prediction("vid1", "succeeded", "\"https://replicate.delivery/v/out.mp4\"")));

        Assert.Equal(0, await h.Poller.PollOnceAsync(default));
        var midway = (await h.Generations.GetAsync(id))!;
        Assert.Equal(("vid1", 30, "processing", GenerationStatus.Pending), (midway.ProviderJobId, midway.Progress, midway.ProviderState, midway.Status));

        h.StartProcess();
        Assert.Equal(1, await h.Poller.PollOnceAsync(default));
        h.Clock.Advance(ReplicateInterval * 3);
        Assert.Equal(0, await h.Poller.PollOnceAsync(default));
        h.StartProcess();
        Assert.Equal(0, await h.Poller.PollOnceAsync(default));

        var done = (await h.Generations.GetAsync(id))!;
        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(price, done.TokensSpent);
        Assert.Equal("https://replicate.delivery/v/out.mp4", done.ResultUrl);
        var settled = Assert.Single(h.Listener.Settled);
        Assert.True(settled.Succeeded);
        Assert.Equal(2, h.Fake.To("GET", "/v1/predictions/vid1").Count);
        Assert.Equal(1, await RateEventsAsync(h, id));
        Assert.Equal(300 + 50 - price, (await h.ReloadAsync(account)).Balance);
    }

    [Theory]
    [InlineData("http://replicate.delivery/v/out.mp4")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://127.0.0.1:9/out.mp4")]
    [InlineData("https://localhost/out.mp4")]
    [InlineData("https://[::1]/out.mp4")]
    [InlineData("https://10.1.2.3/out.mp4")]
    public async Task A_result_url_that_is_not_public_https_fails_the_job_and_releases_the_tokens(string url)
    {
        var (h, account, id, _) = await StartVideoAsync("vid-bad");
        await using var _ = h;
        h.Fake.On("GET", "/v1/predictions/vid-bad", Json(200, ReplicateTests.Prediction("vid-bad", "succeeded", $"\"{url}\"")));

        Assert.Equal(1, await h.Poller.PollOnceAsync(default));

        var failed = (await h.Generations.GetAsync(id))!;
        Assert.Equal(GenerationStatus.Failed, failed.Status);
        Assert.Null(failed.ResultUrl);
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
        Assert.False(Assert.Single(h.Listener.Settled).Succeeded);
    }

    [Theory]
    [InlineData("file:///proc/self/environ")]
    [InlineData("/etc/passwd")]
    public async Task A_result_naming_a_local_file_fails_the_job_and_nothing_is_read(string url)
    {
        var h = await JobHarness.StartAsync((ProviderName.Luma, "/dream-machine/v1"));
        await using var _ = h;
        static string Luma(string state, string assets = "{\"video\":null,\"image\":null}") =>
            $$$"""{"id":"g1","generation_type":"video","state":"{{{state}}}","failure_reason":null,"created_at":"2025-01-01T00:00:00Z","model":"ray-flash-2","assets":{{{assets}}},"request":{}}""";
        h.Fake.On("POST", "/dream-machine/v1/generations/video", Json(201, Luma("queued")));
        var (account, id, _) = await h.AdmitAsync("luma-ray2-flash");
        var model = JobHarness.Catalog.FindModel("luma-ray2-flash")!;
        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new VideoRequest(model, "waves"), default));
        await h.Poller.TrackAsync(id, pending.ProviderJobId, default);
        h.Fake.On("GET", "/dream-machine/v1/generations/g1", Json(200, Luma("completed", $$"""{"video":"{{url}}","image":null}""")));

        Assert.Equal(1, await h.Poller.PollOnceAsync(default));

        var failed = (await h.Generations.GetAsync(id))!;
        Assert.Equal(GenerationStatus.Failed, failed.Status);
        Assert.Null(failed.ResultUrl);
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
    }

    [Fact]
    public async Task A_midjourney_proxy_result_naming_a_local_file_fails_the_job_and_releases_the_tokens()
    {
        await using var h = await JobHarness.StartAsync((ProviderName.MidJourney, "/api"));
        string Job(string id, string status, string output = "null") =>
            $$$"""{"job_id":"{{{id}}}","status":"{{{status}}}","output":{{{output}}},"error":{"code":0,"message":""}}""";
        h.Fake.On("POST", "/api/v1/video-diffusion", Json(200, Job("mv2", "pending")));
        h.Fake.On("GET", "/api/v1/job/mv2", Json(200, Job("mv2", "completed", """{"video_urls":["file:///proc/self/environ"]}""")));
        var (account, id, _) = await h.AdmitAsync("midjourney-video");
        var model = JobHarness.Catalog.FindModel("midjourney-video")!;
        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new VideoRequest(model, "waves"), default));
        await h.Poller.TrackAsync(id, pending.ProviderJobId, default);

        Assert.Equal(1, await h.Poller.PollOnceAsync(default));

        Assert.Equal(GenerationStatus.Failed, (await h.Generations.GetAsync(id))!.Status);
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
    }

    [Fact]
    public async Task A_result_on_the_providers_own_configured_host_is_accepted_even_on_loopback()
    {
        var (h, _, id, _) = await StartVideoAsync("vid-own");
        await using var _ = h;
        var own = $"{h.Fake.Url}/files/out.mp4";
        h.Fake.On("GET", "/v1/predictions/vid-own", Json(200, ReplicateTests.Prediction("vid-own", "succeeded", $"\"{own}\"")));

        Assert.Equal(1, await h.Poller.PollOnceAsync(default));

        Assert.Equal(own, (await h.Generations.GetAsync(id))!.ResultUrl);
    }

    [Fact]
    public async Task A_provider_failure_after_three_polls_releases_the_tokens_and_the_rate_limit_slot()
    {
        var (h, account, id, price) = await StartVideoAsync("vid2");
        await using var _ = h;
        h.Fake.On("GET", "/v1/predictions/vid2", Json(200, ReplicateTests.Prediction("vid2", "starting")));
        h.Fake.On("GET", "/v1/predictions/vid2", Json(200, ReplicateTests.Prediction("vid2", "processing")));
        h.Fake.On("GET", "/v1/predictions/vid2", Json(200, ReplicateTests.Prediction("vid2", "failed", error: "\"CUDA out of memory\"")));
        Assert.Equal(300 + 50 - price, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(1, await RateEventsAsync(h, id));

        for (var poll = 0; poll < 3; poll++)
        {
            await h.Poller.PollOnceAsync(default);
            h.Clock.Advance(ReplicateInterval);
        }

        var failed = (await h.Generations.GetAsync(id))!;
        Assert.Equal((GenerationStatus.Failed, "unavailable", 0), (failed.Status, failed.ErrorKind, failed.TokensSpent));
        Assert.Equal(3, h.Fake.To("GET", "/v1/predictions/vid2").Count);
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(0, await RateEventsAsync(h, id));
        Assert.False(Assert.Single(h.Listener.Settled).Succeeded);
        Assert.False(await h.Generations.FailAsync(id, "unavailable", "again"));
    }

    [Fact]
    public async Task A_job_stuck_past_the_video_timeout_is_canceled_upstream_failed_and_released()
    {
        var (h, account, id, _) = await StartVideoAsync("vid3");
        await using var __ = h;
        h.Fake.On("GET", "/v1/predictions/vid3", Json(200, ReplicateTests.Prediction("vid3", "processing")));
        h.Fake.On("POST", "/v1/predictions/vid3/cancel", Json(200, ReplicateTests.Prediction("vid3", "canceled")));

        await h.Poller.PollOnceAsync(default);
        h.Clock.Advance(TimeSpan.FromMinutes(19));
        await h.Poller.PollOnceAsync(default);
        Assert.Equal(GenerationStatus.Pending, (await h.Generations.GetAsync(id))!.Status);

        h.Clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(1, await h.Poller.PollOnceAsync(default));

        var failed = (await h.Generations.GetAsync(id))!;
        Assert.Equal((GenerationStatus.Failed, "timeout"), (failed.Status, failed.ErrorKind));
        h.Fake.Single("POST", "/v1/predictions/vid3/cancel");
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(0, await RateEventsAsync(h, id));
    }

    [Fact]
    public async Task A_job_the_provider_no_longer_has_is_failed_and_released()
    {
        var (h, account, id, _) = await StartVideoAsync("vid4");
        await using var _ = h;
        h.Fake.On("GET", "/v1/predictions/vid4", Json(404, """{"title":"Not found","detail":"Prediction not found","status":404}"""));
        h.StartProcess();
        Assert.Equal(1, await h.Poller.PollOnceAsync(default));
        Assert.Equal((GenerationStatus.Failed, "unavailable"), ((await h.Generations.GetAsync(id))!.Status, (await h.Generations.GetAsync(id))!.ErrorKind));
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
    }

    [Fact]
    public async Task Transient_poll_failures_back_off_and_the_job_still_completes()
    {
        var (h, _, id, _) = await StartVideoAsync("vid5");
        await using var __ = h;
        h.Fake.On("GET", "/v1/predictions/vid5", Json(503, """{"detail":"busy","status":503}"""));
        h.Fake.On("GET", "/v1/predictions/vid5", Json(200, ReplicateTests.Prediction("vid5", "succeeded", "[\"https://replicate.delivery/v/a.mp4\"]")));

        await h.Poller.PollOnceAsync(default);
        h.Clock.Advance(ReplicateInterval);
        await h.Poller.PollOnceAsync(default);
        Assert.Single(h.Fake.To("GET", "/v1/predictions/vid5"));
        h.Clock.Advance(ReplicateInterval * 2);
        await h.Poller.PollOnceAsync(default);

        Assert.Equal(GenerationStatus.Completed, (await h.Generations.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task An_admitted_job_that_never_reached_the_provider_before_a_restart_is_released()
    {
        var h = await JobHarness.StartAsync((ProviderName.Replicate, "/v1"));
        await using var _ = h;
        var (account, id, _) = await h.AdmitAsync("flux-1.1-pro");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await h.Poller.PollOnceAsync(default));

        h.StartProcess();
        Assert.Equal(1, await h.Poller.PollOnceAsync(default));
        Assert.Equal(GenerationStatus.Failed, (await h.Generations.GetAsync(id))!.Status);
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
    }

    [Fact]
    public async Task The_bots_poller_leaves_the_api_processs_jobs_alone_even_while_they_are_being_submitted()
    {
        var h = await JobHarness.StartAsync((ProviderName.Replicate, "/v1"));
        await using var _ = h;
        var (account, id, price) = await h.AdmitAsync("flux-1.1-pro", source: "api");
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        h.StartProcess();
        Assert.Equal(0, await h.Poller.PollOnceAsync(default));
        Assert.Equal(GenerationStatus.Pending, (await h.Generations.GetAsync(id))!.Status);
        Assert.Equal(350 - price, (await h.ReloadAsync(account)).Balance);
        Assert.Empty(h.Listener.Settled);
    }

    [Fact]
    public async Task User_cancel_cancels_upstream_and_releases_once()
    {
        var (h, account, id, _) = await StartVideoAsync("vid6");
        await using var _ = h;
        h.Fake.On("POST", "/v1/predictions/vid6/cancel", Json(200, ReplicateTests.Prediction("vid6", "canceled")));
        Assert.True(await h.Poller.CancelAsync(id, default));
        Assert.False(await h.Poller.CancelAsync(id, default));
        Assert.Equal(GenerationStatus.Canceled, (await h.Generations.GetAsync(id))!.Status);
        Assert.Equal(350, (await h.ReloadAsync(account)).Balance);
        h.Fake.Single("POST", "/v1/predictions/vid6/cancel");
        Assert.True(Assert.Single(h.Listener.Settled).Canceled);
    }
}
