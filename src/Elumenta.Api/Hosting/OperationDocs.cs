using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Elumenta.Api.Hosting;

/// <summary>For endpoints that read their input by hand (to answer 422 rather than 400): its documented shape.</summary>
internal static class OperationDocs
{
    public static void Query(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == name) is OpenApiParameter parameter)
        {
            parameter.Description = description;
            parameter.Schema = schema;
        }
    }

    public static OpenApiSchema Integer(int minimum, int? maximum, int byDefault) => new()
    {
        Type = JsonSchemaType.Integer,
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = System.Text.Json.Nodes.JsonValue.Create(byDefault),
    };

    public static OpenApiSchema OneOf(IEnumerable<string> values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v))],
    };

    public static async Task JsonBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, Type type, CancellationToken ct) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(type, null, ct) } },
        };
}
