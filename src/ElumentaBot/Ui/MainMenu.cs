using ElumentaBot.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Ui;

/// <summary>The mode the reply keyboard selected: it decides where plain text, photos and voice go.</summary>
public enum BotMode { Chat, Image, Video, Audio, Tools }

public enum MenuItem { Chat, Image, Video, Audio, Tools, Profile, Plans }

/// <summary>The persistent reply keyboard that switches modes; a tap arrives as plain text in either language.</summary>
public sealed class MainMenu(Localizer texts)
{
    private static readonly MenuItem[][] Layout =
    [
        [MenuItem.Chat, MenuItem.Image, MenuItem.Video],
        [MenuItem.Audio, MenuItem.Tools],
        [MenuItem.Profile, MenuItem.Plans],
    ];

    public ReplyKeyboardMarkup Keyboard(string language) =>
        new(Layout.Select(row => row.Select(item => new KeyboardButton(Label(language, item))).ToArray()).ToArray())
        {
            IsPersistent = true,
            ResizeKeyboard = true,
        };

    public string Label(string language, MenuItem item) => texts.Get(language, "menu." + item.ToString().ToLowerInvariant());

    /// <summary>The button a text is, in any language (a user may switch language with the old keyboard still shown).</summary>
    public MenuItem? Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var language in Localizer.Languages)
        {
            foreach (var item in Enum.GetValues<MenuItem>())
            {
                if (string.Equals(text.Trim(), Label(language, item), StringComparison.OrdinalIgnoreCase))
                {
                    return item;
                }
            }
        }

        return null;
    }
}
