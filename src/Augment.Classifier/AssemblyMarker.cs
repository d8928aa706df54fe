namespace Augment.Classifier;
