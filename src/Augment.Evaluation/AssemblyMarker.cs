namespace Augment.Evaluation;
