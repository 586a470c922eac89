using System.Net.Mime;
using System.Text;
using System.Text.Json;
using ValidationResult = FluentValidation.Results.ValidationResult;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Submission;
using NSubstitute;

namespace MusicEvents.Tests.Submission;

public sealed class UnknownFieldsTests
{
    [Fact]
    public void A_misspelt_field_is_named_as_written()
    {
        var fields = UnknownFields.Of<ExtendTrackCommand>(Json("""{"clipId":"c","startsAt":1,"lenght":30,"Moood":"x"}"""));

        Assert.Equal(["lenght", "Moood"], fields);
    }

    [Theory]
    [InlineData("""{"correlationId":"6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10","clipId":"c","startsAt":1,"length":30,"instruction":"i","lyrics":"l","sound":"s"}""")]
    [InlineData("""{"CorrelationId":"6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10","ClipId":"c","StartsAt":1,"Length":30}""")]
    [InlineData("""{"CLIPID":"c","startsat":1}""")]
    public void Every_field_of_the_command_is_known_whatever_its_case(string json)
    {
        Assert.Empty(UnknownFields.Of<ExtendTrackCommand>(Json(json)));
    }

    [Fact]
    public void A_field_of_the_other_command_is_unknown_to_this_one()
    {
        Assert.Equal(["endsAt"], UnknownFields.Of<ExtendTrackCommand>(Json("""{"clipId":"c","startsAt":1,"endsAt":2}""")));
        Assert.Equal(["length", "sound"], UnknownFields.Of<ReplaceSectionCommand>(Json("""{"clipId":"c","startsAt":1,"endsAt":2,"length":3,"sound":"s"}""")));
    }

    [Fact]
    public void The_message_names_the_field_and_the_fields_there_are()
    {
        var message = UnknownFields.Message<ExtendTrackCommand>("lenght");

        Assert.Contains("'lenght'", message, StringComparison.Ordinal);
        Assert.Contains("length", message.Replace("'lenght'", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_JSON_command_on_the_bus_is_read_from_the_body_as_it_arrived()
    {
        var context = Consumed(MediaTypeNames.Application.Json, """{"correlationId":"6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10","clipId":"c","startsAt":1,"lenght":30}""");

        Assert.Equal(["lenght"], UnknownFields.Of(context));
    }

    [Fact]
    public void A_MassTransit_envelope_is_not_read_again()
    {
        var context = Consumed("application/vnd.masstransit+json", """{"message":{"clipId":"c","startsAt":1},"messageType":["urn:message:x"]}""");

        Assert.Empty(UnknownFields.Of(context));
    }

    [Fact]
    public void Unknown_fields_make_a_valid_command_invalid_with_one_failure_each()
    {
        var validation = UnknownFields.AddTo<ExtendTrackCommand>(new ValidationResult(), ["lenght", "sond"]);

        Assert.False(validation.IsValid);
        Assert.Equal(["lenght", "sond"], validation.Errors.Select(e => e.PropertyName));
        Assert.All(validation.Errors, e => Assert.Contains($"'{e.PropertyName}' is not a field of ExtendTrackCommand", e.ErrorMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void No_unknown_field_leaves_the_validation_as_it_was()
    {
        var validation = UnknownFields.AddTo<ExtendTrackCommand>(new ValidationResult(), []);

        Assert.True(validation.IsValid);
    }

    private static JsonElement Json(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    private static ConsumeContext<ExtendTrackCommand> Consumed(string contentType, string body)
    {
        var messageBody = Substitute.For<MessageBody>();
        messageBody.GetBytes().Returns(Encoding.UTF8.GetBytes(body));
        var receive = Substitute.For<ReceiveContext>();
        receive.ContentType.Returns(new ContentType(contentType));
        receive.Body.Returns(messageBody);
        var context = Substitute.For<ConsumeContext<ExtendTrackCommand>>();
        context.ReceiveContext.Returns(receive);
        return context;
    }
}
