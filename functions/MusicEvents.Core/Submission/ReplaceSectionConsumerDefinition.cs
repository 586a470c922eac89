namespace MusicEvents.Core.Submission;

public sealed class ReplaceSectionConsumerDefinition : SubmissionConsumerDefinition<ReplaceSectionConsumer>;
