using Elumenta.Providers;

namespace Elumenta.Api.Generate;

/// <summary>Reads of the fields a category requires: present, of the right type, and input URLs that may be used.</summary>
internal static class FieldReads
{
    /// <summary>Speech takes <c>text</c>; <c>prompt</c> is accepted in its place, never beside it.</summary>
    public static void Either(RequestFields fields)
    {
        if (fields.Has("text") && fields.Has("prompt"))
        {
            fields.Errors["prompt"] = "send text or prompt, not both";
        }
    }

    public static string? Required(RequestFields fields, string name)
    {
        var value = fields.String(name);
        if (string.IsNullOrWhiteSpace(value) && !fields.TypeErrors.ContainsKey(name))
        {
            fields.Errors[name] = "is required";
            return null;
        }

        return value;
    }

    public static MediaInput? Input(RequestFields fields, string name, string kind)
    {
        if (!fields.Has(name))
        {
            return null;
        }

        var value = fields.String(name);
        if (value is null)
        {
            return null;
        }

        var input = InputUrls.Parse(value, kind, out var problem);
        if (input is null)
        {
            fields.Errors[name] = problem!;
        }

        return input;
    }

    public static MediaInput? RequiredInput(RequestFields fields, string name)
    {
        var input = Input(fields, name, "image");
        if (input is null && !fields.Has(name))
        {
            fields.Errors[name] = "is required";
        }

        return input;
    }
}
