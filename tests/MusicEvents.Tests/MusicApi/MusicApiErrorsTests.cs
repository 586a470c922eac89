using System.Net;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

public sealed class MusicApiErrorsTests
{
    [Theory]
    [InlineData(400, "Invalid starts_at", TrackFailureReason.Rejected)]
    [InlineData(400, "task not found.", TrackFailureReason.Rejected)]
    [InlineData(401, "Unauthorized", TrackFailureReason.Unauthorized)]
    [InlineData(403, "Insufficient credits", TrackFailureReason.InsufficientCredits)]
    [InlineData(403, "You have no active subscription", TrackFailureReason.InsufficientCredits)]
    [InlineData(403, "Lyrics flagged by moderation: \"burn it all down\"", TrackFailureReason.Rejected)]
    [InlineData(403, "Lyrics flagged by moderation: \"no credit card, no subscription\"", TrackFailureReason.Rejected)]
    [InlineData(403, "Content not allowed: \"I have no credits and no subscription\"", TrackFailureReason.Rejected)]
    [InlineData(403, "Description refused: “out of credits, cancel the subscription”", TrackFailureReason.Rejected)]
    [InlineData(403, "Lyrics refused: 'credit where credit is due'", TrackFailureReason.Rejected)]
    [InlineData(403, "Insufficient credits: please top up or subscribe.", TrackFailureReason.InsufficientCredits)]
    [InlineData(403, "Your account doesn't have enough credits", TrackFailureReason.InsufficientCredits)]
    [InlineData(410, "music_variation is retired", TrackFailureReason.Rejected)]
    [InlineData(429, "Too many requests", TrackFailureReason.ProviderFailed)]
    [InlineData(500, "Internal error", TrackFailureReason.ProviderFailed)]
    [InlineData(502, "Bad gateway", TrackFailureReason.ProviderFailed)]
    [InlineData(503, "Service unavailable", TrackFailureReason.ProviderFailed)]
    [InlineData(504, "Task failed due to timeout. Credits were previously refunded.", TrackFailureReason.ProviderFailed)]
    public void Each_error_status_maps_to_the_reason_in_the_error_table(int status, string message, TrackFailureReason expected)
    {
        Assert.Equal(expected, MusicApiErrors.Classify((HttpStatusCode)status, message));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Throttling_and_server_errors_are_transient(int status)
    {
        Assert.True(MusicApiErrors.IsTransient((HttpStatusCode)status));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(410)]
    [InlineData(504)]
    public void Permanent_errors_and_the_providers_own_timeout_are_not_transient(int status)
    {
        Assert.False(MusicApiErrors.IsTransient((HttpStatusCode)status));
    }

    [Theory]
    [InlineData("""{"code":403,"message":"Insufficient credits","error":"ignored"}""", "Insufficient credits")]
    [InlineData("""{"code":400,"error":"missing task id."}""", "missing task id.")]
    [InlineData("""{"code":400,"message":"","error":"clip_id is required"}""", "clip_id is required")]
    [InlineData("""{"code":400,"message":42,"type":"validation_error"}""", "validation_error")]
    [InlineData("<html>502 Bad Gateway</html>", "<html>502 Bad Gateway</html>")]
    [InlineData("""["not","an","object"]""", """["not","an","object"]""")]
    public void Message_is_read_leniently_from_the_error_body(string body, string expected)
    {
        Assert.Equal(expected, MusicApiErrors.ReadMessage(body, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_error_body_is_described_by_its_status(string body)
    {
        Assert.Equal("MusicAPI answered 503", MusicApiErrors.ReadMessage(body, HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public void Long_non_json_error_body_is_cut_to_500_characters()
    {
        var body = new string('e', 2_000);

        Assert.Equal(500, MusicApiErrors.ReadMessage(body, HttpStatusCode.BadGateway).Length);
    }
}
