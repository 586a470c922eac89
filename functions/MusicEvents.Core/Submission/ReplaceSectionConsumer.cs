using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Submission;

public sealed class ReplaceSectionConsumer(IValidator<ReplaceSectionCommand> validator, TrackSubmitter submitter) : IConsumer<ReplaceSectionCommand>
{
    public async Task Consume(ConsumeContext<ReplaceSectionCommand> context)
    {
        var validation = await validator.ValidateAsync(context.Message, context.CancellationToken);
        await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context, context.CancellationToken);
    }
}
