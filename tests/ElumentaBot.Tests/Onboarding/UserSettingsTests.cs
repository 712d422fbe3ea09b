using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Onboarding;

public sealed class UserSettingsTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"mode\":\"Image\"}")]
    [InlineData("{\"models\":null}")]
    [InlineData("not json")]
    [InlineData(null)]
    public void Settings_without_models_still_have_an_empty_model_map(string? json)
    {
        var settings = UserSettings.Parse(json);

        Assert.NotNull(settings.Models);
        Assert.Empty(settings.Models);
    }

    [Fact]
    public void Settings_round_trip_through_json()
    {
        var settings = new UserSettings { Mode = BotMode.Video, VideoAspectRatio = "9:16" }.WithModel(Elumenta.Core.Catalog.ModelCategory.Image, "dall-e-3");

        var back = UserSettings.Parse(settings.ToJson());

        Assert.Equal(BotMode.Video, back.Mode);
        Assert.Equal("9:16", back.VideoAspectRatio);
        Assert.Equal("dall-e-3", back.Models["Image"]);
    }
}
