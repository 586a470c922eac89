using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using FluentValidation.Results;
using MassTransit;
using ValidationResult = FluentValidation.Results.ValidationResult;

namespace MusicEvents.Core.Submission;

/// <summary>
/// The fields a request carries that its command does not have. Both deserializers drop them
/// silently, so a typo such as <c>lenght</c> would be submitted (and charged) as a request without
/// a length. Names match case-insensitively, as both deserializers read them, and are reported as
/// written. One home for HTTP bodies and plain JSON commands on the bus, so both name a field alike.
/// </summary>
public static class UnknownFields
{
    private const string PlainJson = "application/json";
    private static readonly ConcurrentDictionary<Type, HashSet<string>> KnownByType = new();

    /// <summary>The top-level fields of <paramref name="json"/> that <typeparamref name="TCommand"/> has no property for.</summary>
    public static IReadOnlyList<string> Of<TCommand>(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var known = Known(typeof(TCommand));
        return [.. json.EnumerateObject().Select(p => p.Name).Where(name => !known.Contains(name)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// For a consumed command published as plain JSON by another service: the fields of the body as
    /// it arrived. MassTransit's envelope is written by a typed client from the contract itself, so it
    /// is not read again.
    /// </summary>
    public static IReadOnlyList<string> Of<TCommand>(ConsumeContext<TCommand> context)
        where TCommand : class
    {
        var receive = context.ReceiveContext;
        if (!string.Equals(receive.ContentType?.MediaType, PlainJson, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(receive.Body.GetBytes());
            return Of<TCommand>(document.RootElement);
        }
        catch (JsonException)
        {
            // MassTransit read it as this command a moment ago; nothing more to say about it here.
            return [];
        }
    }

    /// <summary>Adds one failure per unknown field to what the command's validator found.</summary>
    public static ValidationResult AddTo<TCommand>(ValidationResult validation, IEnumerable<string> fields)
    {
        validation.Errors.AddRange(fields.Select(field => new ValidationFailure(field, Message<TCommand>(field))));
        return validation;
    }

    /// <summary>The same sentence on both paths: the field as written, and the fields there are.</summary>
    public static string Message<TCommand>(string field) =>
        $"'{field}' is not a field of {typeof(TCommand).Name} (its fields: {string.Join(", ", FieldNames(typeof(TCommand)))}).";

    private static HashSet<string> Known(Type type) =>
        KnownByType.GetOrAdd(type, t => new HashSet<string>(Properties(t).Select(p => p.Name), StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<string> FieldNames(Type type) =>
        Properties(type).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is not null);
}
