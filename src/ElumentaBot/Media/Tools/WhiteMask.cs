namespace ElumentaBot.Media.Tools;

/// <summary>
/// The inpaint mask: all white, the size of the photo, so the prompt repaints the whole picture while the model
/// keeps its composition. Drawing a mask is not possible in a chat; a described region would need a segmentation model.
/// </summary>
public static class WhiteMask
{
    public static byte[] Png(int width, int height) => Elumenta.Providers.Simulated.Png.Solid(width, height, 255, 255, 255);
}
