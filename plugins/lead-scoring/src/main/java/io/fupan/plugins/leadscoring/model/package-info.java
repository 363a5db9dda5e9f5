/**
 * The predictive score: lead features ({@link io.fupan.plugins.leadscoring.model.LeadFeatures}), their encoding
 * ({@link io.fupan.plugins.leadscoring.model.FeatureEncoder}), training and algorithm choice by cross-validated
 * AUC ({@link io.fupan.plugins.leadscoring.model.ModelTrainer}), the trained model with its explanations and
 * bytes ({@link io.fupan.plugins.leadscoring.model.TrainedModel}), and measures
 * ({@link io.fupan.plugins.leadscoring.model.Evaluation}).
 */
package io.fupan.plugins.leadscoring.model;
