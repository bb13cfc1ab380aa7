"""Requirement trees and their evaluation."""
