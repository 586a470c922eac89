using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// Data annotations, reported by configuration key (<c>MusicApi:ApiKey: The ApiKey field is required.</c>)
/// rather than by member of a class the reader never sees, which is what ValidateDataAnnotations says.
/// </summary>
public sealed class KeyedDataAnnotationsValidator<TOptions>(string? optionsName, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (optionsName is not null && optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(Describe));
    }

    private string Describe(ValidationResult result)
    {
        var message = result.ErrorMessage ?? "is invalid.";
        var key = result.MemberNames.FirstOrDefault() is { } member ? $"{section}:{member}" : section;
        return message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}";
    }
}
