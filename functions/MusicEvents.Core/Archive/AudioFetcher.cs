using System.Globalization;
using System.Net;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Opens an audio URL for streaming: follows redirects itself, each hop checked by the guard (the
/// connection handler checks the addresses), and refuses an answer that is not audio or says it is
/// bigger than the cap before a byte of the body is read. Each hop's headers must come within
/// Archive:StallTimeout, as each read of the body must (<see cref="PaceGuardedStream"/>).
/// </summary>
internal static class AudioFetcher
{
    private const int MaxRedirects = 5;

    public static async Task<(HttpResponseMessage Response, string MediaType, string Extension)> OpenAsync(
        HttpClient http, AudioSourceGuard guard, Uri url, ArchiveOptions settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var maxBytes = settings.MaxBytes;
        var response = await FollowAsync(http, guard, url, settings.StallTimeout, time, cancellationToken);
        try
        {
            var headers = response.Content.Headers;
            var mediaType = headers.ContentType?.MediaType;
            var extension = AudioContentTypes.ExtensionOf(mediaType)
                ?? throw new AudioSourceRefusedException(AudioSourceRule.ContentType, $"content type '{mediaType ?? "none"}' is not an audio type we store");
            if (headers.ContentLength > maxBytes)
            {
                throw new AudioSourceRefusedException(
                    AudioSourceRule.MaxBytes, $"the answer claims {headers.ContentLength} bytes, over Archive:MaxBytes ({maxBytes})");
            }

            return (response, mediaType!, extension);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpResponseMessage> FollowAsync(
        HttpClient http, AudioSourceGuard guard, Uri url, TimeSpan stallTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            guard.CheckUrl(url);
            HttpResponseMessage response;
            using var deadline = new CancellationTokenSource(stallTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            }
            catch (HttpRequestException exception) when (exception.InnerException is AudioSourceRefusedException refused)
            {
                // Raised in the connection handler, where the addresses are known.
                throw refused;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new AudioSourceRefusedException(
                    AudioSourceRule.StallTimeout,
                    string.Create(CultureInfo.InvariantCulture, $"no answer from '{url.IdnHost}' within {stallTimeout.TotalSeconds:0.###} s (Archive:StallTimeout)"));
            }

            if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest && response.Headers.Location is { } next)
            {
                response.Dispose();
                if (hop >= MaxRedirects)
                {
                    throw new AudioSourceRefusedException(AudioSourceRule.Redirects, $"more than {MaxRedirects} redirects");
                }

                url = next.IsAbsoluteUri ? next : new Uri(url, next);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                throw new HttpRequestException($"the audio URL answered {(int)status}", null, status);
            }

            return response;
        }
    }
}
