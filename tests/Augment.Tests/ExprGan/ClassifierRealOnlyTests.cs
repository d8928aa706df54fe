using Augment.ExprGan.Training;

namespace Augment.Tests.ExprGan;

/// <summary>The auxiliary classifier learning from real faces only (StarGAN's domain classifier): its option, and a run.</summary>
public class ClassifierRealOnlyTests
{
    [Fact]
    public void TheOptionIsRecordedOnlyWhenOnAndRefusedForThePaperDesign() => TrainingSwitches.RecordedOnlyWhenOn(
        nameof(ExprGanTrainingOptions.ClassifierOnRealFacesOnly), o => o with { ClassifierOnRealFacesOnly = true }, "--classifier-real-only",
        o => o.ClassifierOnRealFacesOnly);

    [Fact]
    public void TheIdentityPreservingDesignTrainsWithIt() => TrainingSwitches.ChangesTheRun(o => o with { ClassifierOnRealFacesOnly = true });
}
