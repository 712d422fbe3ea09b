using System.Globalization;
using System.Text;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Approximate monospace cell width: wide East Asian and emoji take two, marks and joiners none.</summary>
internal static class DisplayWidth
{
    private static readonly (int From, int To)[] Wide =
    [
        (0x1100, 0x115F), (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
        (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693),
        (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE),
        (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA),
        (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C),
        (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0),
        (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x2E80, 0x303E),
        (0x3041, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60),
        (0xFFE0, 0xFFE6), (0x1F000, 0x1FAFF), (0x20000, 0x3FFFD),
    ];

    public static int Of(string text)
    {
        var width = 0;
        var previous = 0;
        var joined = false;
        foreach (var rune in text.EnumerateRunes())
        {
            // The parts of a joined emoji sequence (👨‍👩‍👧) share the first one's cell.
            var current = joined ? 0 : Of(rune);
            joined = rune.Value == 0x200D;
            if (rune.Value == 0xFE0F && previous == 1)
            {
                // An emoji presentation selector turns a narrow symbol such as ⚠ into a wide emoji.
                current = 1;
            }

            width += current;
            previous = current == 0 ? previous : current;
        }

        return width;
    }

    private static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.Control)
        {
            return 0;
        }

        var value = rune.Value;
        foreach (var (from, to) in Wide)
        {
            if (value >= from && value <= to)
            {
                return 2;
            }
        }

        return 1;
    }
}
