namespace Elumenta.Core.Tests.Catalog;

/// <summary>The model table of product.md section 6, transcribed by hand: the oracle the config is checked against.</summary>
public static class SpecTable
{
    public static readonly string[] StarterSlugs =
    [
        "gpt-5-nano", "claude-haiku-4.5", "gemini-2.5-flash", "deepseek-v3", "grok-4-fast", "photon-flash", "dall-e-3",
        "luma-ray2-flash", "musicgen", "minimax-tts", "openai-tts", "whisper", "upscale", "face-swap", "remove-bg",
        "style-transfer", "colorize", "inpaint", "text-ocr",
    ];

    public static TheoryData<string, string, string, int, int> Models => new()
    {
        { "gpt-5-nano", "text", "OpenAI", 0, 0 },
        { "gpt-5", "text", "OpenAI", 2, 2 },
        { "gpt-5.2", "text", "OpenAI", 4, 4 },
        { "gpt-5.2-pro", "text", "OpenAI", 39, 39 },
        { "claude-haiku-4.5", "text", "Anthropic", 0, 0 },
        { "claude-sonnet-4.5", "text", "Anthropic", 4, 4 },
        { "claude-opus-4.5", "text", "Anthropic", 6, 6 },
        { "gemini-2.5-flash", "text", "Google", 1, 1 },
        { "gemini-3-pro", "text", "Google", 3, 3 },
        { "deepseek-v3", "text", "DeepSeek", 1, 1 },
        { "deepseek-r1", "text", "DeepSeek", 1, 1 },
        { "grok-4-fast", "text", "XAI", 1, 1 },
        { "photon-flash", "image", "Luma", 1, 1 },
        { "dall-e-3", "image", "OpenAI", 5, 13 },
        { "gpt-image-1.5", "image", "OpenAI", 1, 21 },
        { "flux-1.1-pro", "image", "Replicate", 7, 7 },
        { "flux-kontext-pro", "image", "Replicate", 3, 3 },
        { "sd-3.5-large", "image", "Replicate", 7, 7 },
        { "midjourney", "image", "MidJourney", 2, 35 },
        { "recraft-v3", "image", "Replicate", 4, 4 },
        { "photon", "image", "Luma", 1, 2 },
        { "nano-banana-pro", "image", "Replicate", 16, 32 },
        { "luma-ray2-flash", "video", "Luma", 15, 93 },
        { "kling-v2.1", "video", "Replicate", 26, 94 },
        { "minimax-video", "video", "Replicate", 88, 88 },
        { "luma-ray2", "video", "Luma", 42, 180 },
        { "midjourney-video", "video", "MidJourney", 50, 320 },
        { "sora-2", "video", "OpenAI", 42, 125 },
        { "veo-3.1", "video", "Replicate", 83, 334 },
        { "musicgen", "music", "Replicate", 9, 9 },
        { "elevenlabs-music", "music", "ElevenLabs", 58, 58 },
        { "minimax-tts", "tts", "Replicate", 1, 1 },
        { "openai-tts", "tts", "OpenAI", 3, 3 },
        { "openai-tts-hd", "tts", "OpenAI", 6, 6 },
        { "gpt-4o-mini-tts", "tts", "OpenAI", 3, 3 },
        { "elevenlabs-flash", "tts", "ElevenLabs", 18, 18 },
        { "elevenlabs-v2", "tts", "ElevenLabs", 35, 35 },
        { "whisper", "stt", "OpenAI", 2, 2 },
        { "gpt-4o-transcribe", "stt", "OpenAI", 2, 2 },
        { "elevenlabs-scribe", "stt", "ElevenLabs", 2, 2 },
        { "elevenlabs-sfx", "audio_tool", "ElevenLabs", 12, 12 },
        { "el-voice-changer", "audio_tool", "ElevenLabs", 15, 15 },
        { "el-voice-isolator", "audio_tool", "ElevenLabs", 12, 12 },
        { "el-dubbing", "audio_tool", "ElevenLabs", 60, 600 },
        { "el-dialogue", "audio_tool", "ElevenLabs", 15, 15 },
        { "upscale", "image_tool", "Replicate", 1, 1 },
        { "face-swap", "image_tool", "Replicate", 1, 1 },
        { "remove-bg", "image_tool", "Replicate", 1, 1 },
        { "style-transfer", "image_tool", "Replicate", 1, 1 },
        { "colorize", "image_tool", "Replicate", 1, 1 },
        { "inpaint", "image_tool", "Replicate", 3, 3 },
        { "text-ocr", "image_tool", "Replicate", 1, 1 },
    };
}
