import { AppError } from '../../../shared/api/result';

// Placeholder until the hub side lands; every call says so instead of pretending to work.
export class OfficeService {
  async publishInstrument(_text: string): Promise<{ id: string; version: string }> {
    throw new AppError('internal', 'Publishing is not built yet.');
  }
  async publishCatalogue(_text: string): Promise<{ version: string }> {
    throw new AppError('internal', 'Publishing is not built yet.');
  }
  async importBundle(_base64: string): Promise<{ accepted: number; duplicates: number }> {
    throw new AppError('internal', 'Bundle import is not built yet.');
  }
  async eraseFirm(_companyId: string): Promise<{ companyId: string; erasedAt: string }> {
    throw new AppError('internal', 'Erasure is not built yet.');
  }
}
