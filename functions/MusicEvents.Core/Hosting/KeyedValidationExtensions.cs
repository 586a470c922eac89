using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.Hosting;

public static class KeyedValidationExtensions
{
    /// <summary>As ValidateDataAnnotations, with each failure naming its configuration key under <paramref name="section"/>.</summary>
    public static OptionsBuilder<TOptions> ValidateDataAnnotationsByKey<TOptions>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new KeyedDataAnnotationsValidator<TOptions>(builder.Name, section));
        return builder;
    }
}
