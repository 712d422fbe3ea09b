using Elumenta.Core.Catalog;
using ElumentaBot.Localization;

namespace ElumentaBot.ModelPicker;

/// <summary>Model categories as buttons show them: a short code for callback data and a localized title.</summary>
public static class Categories
{
    private static readonly (ModelCategory Category, string Code)[] Codes =
    [
        (ModelCategory.Text, "text"),
        (ModelCategory.Image, "image"),
        (ModelCategory.Video, "video"),
        (ModelCategory.Music, "music"),
        (ModelCategory.Tts, "tts"),
        (ModelCategory.Stt, "stt"),
        (ModelCategory.AudioTool, "audio"),
        (ModelCategory.ImageTool, "tools"),
    ];

    public static IEnumerable<ModelCategory> All => Codes.Select(c => c.Category);

    public static string Code(ModelCategory category) => Codes.First(c => c.Category == category).Code;

    public static ModelCategory? Parse(string? code) =>
        Codes.Where(c => c.Code == code).Select(c => (ModelCategory?)c.Category).FirstOrDefault();

    public static string Title(Localizer texts, string language, ModelCategory category)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Get(language, "models.category." + Code(category));
    }
}
